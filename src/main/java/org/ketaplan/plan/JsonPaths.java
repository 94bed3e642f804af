package org.ketaplan.plan;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Paths as clinical leads write them in scenario tables and as the API names fields in errors:
 * {@code vitals[0].systolic}, {@code series.type}.
 */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** The node at {@code path}, or null when any step is absent. */
    public static JsonNode get(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : steps(path)) {
            if (node == null) {
                return null;
            }
            node = isIndex(step) ? (node.isArray() ? node.get(Integer.parseInt(step)) : null) : node.get(step);
        }
        return node;
    }

    /**
     * Sets {@code path} to {@code value}, creating objects on the way; an index one past the end of an array
     * appends. {@code value == null} removes the field or element.
     */
    public static void set(ObjectNode root, String path, JsonNode value) {
        List<String> steps = steps(path);
        JsonNode node = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            String step = steps.get(i);
            JsonNode next = isIndex(step) ? arrayAt(node, step).get(Integer.parseInt(step)) : node.get(step);
            if (next == null || next.isNull()) {
                next = isIndex(steps.get(i + 1)) ? JsonNodeFactory.instance.arrayNode()
                        : JsonNodeFactory.instance.objectNode();
                put(node, step, next);
            }
            node = next;
        }
        String last = steps.get(steps.size() - 1);
        if (value == null) {
            if (node instanceof ArrayNode a && isIndex(last)) {
                a.remove(Integer.parseInt(last));
            } else if (node instanceof ObjectNode o) {
                o.remove(last);
            }
            return;
        }
        put(node, last, value);
    }

    /** Sets a scalar written as text, as tables write them: true, false, a number, or else a string. */
    public static void put(ObjectNode root, String path, String text) {
        set(root, path, scalar(text));
    }

    /** Appends a scalar written as text to the list at {@code path}, creating the list. */
    public static void add(ObjectNode root, String path, String text) {
        JsonNode list = get(root, path);
        if (list == null || !list.isArray()) {
            list = JsonNodeFactory.instance.arrayNode();
            set(root, path, list);
        }
        ((ArrayNode) list).add(scalar(text));
    }

    static JsonNode scalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text));
        }
        if (text.matches("-?\\d{1,9}")) {
            return JsonNodeFactory.instance.numberNode(Integer.parseInt(text));
        }
        return JsonNodeFactory.instance.textNode(text);
    }

    private static void put(JsonNode parent, String step, JsonNode value) {
        if (isIndex(step)) {
            ArrayNode a = arrayAt(parent, step);
            int i = Integer.parseInt(step);
            if (i == a.size()) {
                a.add(value);
            } else if (i < a.size()) {
                a.set(i, value);
            } else {
                throw new IllegalArgumentException("index " + i + " is beyond the end of a list of " + a.size());
            }
        } else if (parent instanceof ObjectNode o) {
            o.set(step, value);
        } else {
            throw new IllegalArgumentException("'" + step + "' is not inside an object");
        }
    }

    private static ArrayNode arrayAt(JsonNode node, String step) {
        if (node instanceof ArrayNode a) {
            return a;
        }
        throw new IllegalArgumentException("[" + step + "] is not inside a list");
    }

    private static boolean isIndex(String step) {
        return !step.isEmpty() && step.chars().allMatch(Character::isDigit);
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                steps.add(part);
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        return steps;
    }
}
