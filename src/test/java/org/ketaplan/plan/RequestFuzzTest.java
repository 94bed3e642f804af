package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.ketaplan.ruleset.TestRules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Mutation fuzzing of the request boundary: thousands of requests derived from the contract example by
 * random deletions, wrong types, out-of-range numbers, unknown enum values, unknown fields, future dates
 * and raw byte damage must each give a plan or a 400 that names a field, never anything else. Seeded, so
 * a failure reproduces. (jqwik and Jazzer target JUnit Platform 1.x; Quarkus 3.36 runs Platform 6.)
 */
public class RequestFuzzTest {

    static final int CASES = 3000;

    @Test
    void mutatedRequestsGiveAPlanOrNamedViolations() throws Exception {
        Random random = new Random(20261121L);
        RequestReader reader = Plans.reader();
        int plans = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            ObjectNode request = Requests.contractExample();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                mutate(request, random);
            }
            byte[] body = Requests.JSON.writeValueAsBytes(request);
            if (random.nextInt(10) == 0) {
                body = damage(body, random);
            }
            try {
                TreatmentPlan plan = PlanService.plan(TestRules.ruleBase(), reader.read(body), "fuzz");
                assertThat(plan.triage()).isNotNull();
                assertThat(plan.eligibility()).isNotNull();
                plans++;
            } catch (BadRequestProblem e) {
                assertThat(e.violations()).as("case %d: %s", i, new String(body)).isNotEmpty()
                        .allSatisfy(v -> assertThat(v.message()).isNotBlank());
                rejected++;
            } catch (Exception e) {
                throw new AssertionError("case " + i + " escaped as " + e + " for " + new String(body), e);
            }
        }
        // Both outcomes must be exercised, or the fuzzer is not reaching the rules.
        assertThat(plans).isGreaterThan(CASES / 10);
        assertThat(rejected).isGreaterThan(CASES / 10);
    }

    private static final Object[] ODD_VALUES = {"", "yes", -1, 0, 3.5, 1e9, Long.MAX_VALUE, true, null,
            "2999-01-01", "1900-02-30", "NOT_AN_ENUM", List.of(), java.util.Map.of(), "x".repeat(300)};

    public static void mutate(ObjectNode root, Random random) {
        List<JsonNode[]> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        JsonNode[] slot = slots.get(random.nextInt(slots.size()));
        JsonNode parent = slot[0];
        String key = slot[1].asText();
        switch (random.nextInt(5)) {
            case 0 -> remove(parent, key);
            case 1 -> set(parent, key, Requests.JSON.valueToTree(ODD_VALUES[random.nextInt(ODD_VALUES.length)]));
            case 2 -> {
                if (parent instanceof ObjectNode o) {
                    o.put("unexpected" + random.nextInt(3), 1);
                }
            }
            case 3 -> {
                JsonNode current = parent.isArray() ? parent.get(Integer.parseInt(key)) : parent.get(key);
                if (current != null && current.isNumber()) {
                    set(parent, key, Requests.JSON.valueToTree(current.asInt() + random.nextInt(400) - 200));
                }
            }
            default -> {
                if (parent instanceof ArrayNode a && a.size() > 0) {
                    a.add(a.get(0).deepCopy());
                }
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode[]> out) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                out.add(new JsonNode[] {node, Requests.JSON.getNodeFactory().textNode(n)});
                collect(node.get(n), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new JsonNode[] {node, Requests.JSON.getNodeFactory().textNode(String.valueOf(i))});
                collect(node.get(i), out);
            }
        }
    }

    private static void remove(JsonNode parent, String key) {
        if (parent instanceof ObjectNode o) {
            o.remove(key);
        } else if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(key));
        }
    }

    private static void set(JsonNode parent, String key, JsonNode value) {
        if (parent instanceof ObjectNode o) {
            o.set(key, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(key), value);
        }
    }

    private static byte[] damage(byte[] body, Random random) {
        byte[] copy = body.clone();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            copy[random.nextInt(copy.length)] = (byte) "{}[]\",:0a \u0000".charAt(random.nextInt(11));
        }
        return random.nextBoolean() ? copy : java.util.Arrays.copyOf(copy, random.nextInt(copy.length));
    }
}
