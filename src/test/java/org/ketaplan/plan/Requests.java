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

    /**
     * A session day: an IV course of 2 sessions (2026-11-14 and 11-17, full records, consent signed), planned on
     * 2026-11-21 with that day's C-SSRS, vitals and a negative pregnancy test of 11-18: every check met.
     */
    public static Requests sessionDay() {
        return new Requests((ObjectNode) resource("/requests/session-day.json"));
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

    /** An independent copy: the setters change the request they are called on. */
    public Requests copy() {
        return new Requests(root.deepCopy());
    }

    /**
     * The same request made on another day: the plan date (2026-11-21) becomes {@code asOf}, and what was recorded
     * the day before it (2026-11-20: scores, screen, vitals) the day before the new date. Other dates stay.
     */
    public Requests movedTo(java.time.LocalDate asOf) {
        String text = root.toString().replace("\"2026-11-21\"", "\"" + asOf + "\"")
                .replace("\"2026-11-20\"", "\"" + asOf.minusDays(1) + "\"");
        try {
            return new Requests((ObjectNode) JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
