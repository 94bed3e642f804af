package org.ketaplan.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds test requests from a complete patient (every safety fact known, nothing abnormal) by changing one
 * path at a time, e.g. {@code set("vitals[0].systolic", 141)} or {@code remove("patient.ageYears")}.
 */
public final class Requests {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final ObjectNode root;

    private Requests(ObjectNode root) {
        this.root = root;
    }

    /** A 42-year-old with TRD and confirmed PTSD, every safety fact present and unremarkable. */
    public static Requests complete() {
        return new Requests((ObjectNode) resource("/requests/complete-patient.json"));
    }

    /** The api-contract.md example request (with a course in progress). */
    public static ObjectNode contractExample() {
        return (ObjectNode) resource("/requests/contract-example.json");
    }

    public static JsonNode resource(String path) {
        try (InputStream in = Requests.class.getResourceAsStream(path)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Requests set(String path, Object value) {
        Target t = target(path);
        JsonNode v = JSON.valueToTree(value);
        if (t.parent instanceof ArrayNode a) {
            int i = Integer.parseInt(t.key);
            if (i == a.size()) {
                a.add(v);
            } else {
                a.set(i, v);
            }
        } else {
            ((ObjectNode) t.parent).set(t.key, v);
        }
        return this;
    }

    /** Sets JSON parsed from text, for objects and explicit nulls. */
    public Requests setJson(String path, String json) {
        try {
            return set(path, JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Requests remove(String path) {
        Target t = target(path);
        if (t.parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(t.key));
        } else {
            ((ObjectNode) t.parent).remove(t.key);
        }
        return this;
    }

    public Requests vitals(int systolic, int diastolic) {
        return set("vitals[0].systolic", systolic).set("vitals[0].diastolic", diastolic);
    }

    public ObjectNode json() {
        return root.deepCopy();
    }

    public byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }

    private record Target(JsonNode parent, String key) {
    }

    private Target target(String path) {
        String[] parts = path.replace("[", ".").replace("]", "").split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.isArray() ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
            if (next == null || next.isNull()) {
                next = JSON.createObjectNode();
                ((ObjectNode) node).set(parts[i], next);
            }
            node = next;
        }
        return new Target(node, parts[parts.length - 1]);
    }
}
