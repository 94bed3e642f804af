package org.ketaplan.acceptance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The clinical acceptance suite's checks (src/test/resources/acceptance/README.md), read exactly as that README
 * defines them. The expectations are the clinical owner's, never this project's: a case is only ever read here.
 */
public final class AcceptanceChecks {

    public record Case(String name, JsonNode request, JsonNode checks) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private AcceptanceChecks() {
    }

    public static List<Case> cases() {
        try (InputStream in = AcceptanceChecks.class.getResourceAsStream("/acceptance/v1-vignettes.json")) {
            JsonNode root = JSON.readTree(in);
            List<Case> cases = new ArrayList<>();
            root.get("cases").forEach(c -> cases.add(new Case(c.get("name").asText(), c.get("request"), c.get("checks"))));
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every check of the case that the plan misses, each in words; empty when the plan passes. */
    public static List<String> misses(Case c, JsonNode plan) {
        List<String> misses = new ArrayList<>();
        for (JsonNode check : c.checks()) {
            if (!passes(check, plan)) {
                misses.add(check + " (plan: " + shown(check, plan) + ")");
            }
        }
        return misses;
    }

    static boolean passes(JsonNode check, JsonNode plan) {
        String kind = check.get(0).asText();
        return switch (kind) {
            case "eq" -> same(at(plan, check.get(1).asText()), check.get(2));
            case "noteq" -> !same(at(plan, check.get(1).asText()), check.get(2));
            case "in" -> contains(check.get(2), at(plan, check.get(1).asText()));
            case "either" -> same(at(plan, check.get(1).asText()), check.get(3))
                    || same(at(plan, check.get(2).asText()), check.get(3));
            case "len" -> at(plan, check.get(1).asText()).isArray()
                    && at(plan, check.get(1).asText()).size() == check.get(2).asInt();
            case "approx" -> at(plan, check.get(1).asText()).isNumber()
                    && Math.abs(at(plan, check.get(1).asText()).asDouble() - check.get(2).asDouble())
                    <= check.get(3).asDouble();
            case "flag" -> texts(plan.path("flags")).contains(check.get(1).asText());
            case "noflag" -> !texts(plan.path("flags")).contains(check.get(1).asText());
            case "rule" -> ruleFired(plan, check.get(1).asText());
            case "norule" -> !ruleFired(plan, check.get(1).asText());
            case "psy" -> texts(plan.path("psychotherapy"), "type").contains(check.get(1).asText());
            case "reviewer" -> texts(plan.path("clearances"), "reviewer").contains(check.get(1).asText());
            case "nonempty" -> nonEmpty(at(plan, check.get(1).asText()));
            case "missing" -> texts(plan.path("missingData"), "fact").stream()
                    .anyMatch(f -> f.toLowerCase(Locale.ROOT).contains(check.get(1).asText().toLowerCase(Locale.ROOT)));
            case "noalt" -> !texts(plan.path("alternatives"), "modality").contains(check.get(1).asText())
                    && !plan.path("series").path("type").asText().startsWith(check.get(1).asText())
                    && !plan.path("series").path("proposedType").asText().startsWith(check.get(1).asText());
            case "noschedule" -> !inductionSeries(plan.path("series").path("type").asText())
                    && !nonEmpty(plan.path("series").path("schedule"));
            default -> throw new IllegalArgumentException("Unknown check kind " + kind + " in " + check);
        };
    }

    /** Series types that give ketamine; NONE and DEFER give none. */
    private static boolean inductionSeries(String type) {
        return !type.isEmpty() && !type.equals("NONE") && !type.equals("DEFER");
    }

    private static boolean ruleFired(JsonNode plan, String id) {
        Pattern p = Pattern.compile(Pattern.quote(id) + "[a-z]?");
        return texts(plan.path("rationale"), "ruleId").stream().anyMatch(r -> p.matcher(r).matches());
    }

    private static String shown(JsonNode check, JsonNode plan) {
        String kind = check.get(0).asText();
        return switch (kind) {
            case "eq", "noteq", "in", "len", "approx", "nonempty" -> at(plan, check.get(1).asText()).toString();
            case "either" -> at(plan, check.get(1).asText()) + " / " + at(plan, check.get(2).asText());
            case "flag", "noflag" -> plan.path("flags").toString();
            case "rule", "norule" -> texts(plan.path("rationale"), "ruleId").toString();
            case "psy" -> texts(plan.path("psychotherapy"), "type").toString();
            case "reviewer" -> texts(plan.path("clearances"), "reviewer").toString();
            case "missing" -> texts(plan.path("missingData"), "fact").toString();
            default -> plan.path("series").toString();
        };
    }

    static JsonNode at(JsonNode plan, String path) {
        JsonNode node = plan;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static boolean same(JsonNode actual, JsonNode expected) {
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        return actual.equals(expected);
    }

    private static boolean contains(JsonNode values, JsonNode actual) {
        for (JsonNode v : values) {
            if (same(actual, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nonEmpty(JsonNode node) {
        return !node.isMissingNode() && !node.isNull() && !(node.isContainerNode() && node.isEmpty())
                && !(node.isTextual() && node.asText().isEmpty());
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
