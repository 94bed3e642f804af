package org.ketaplan.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ketaplan.api.BadRequestProblem;
import org.ketaplan.api.RequestReader;
import org.ketaplan.engine.RuleBase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Runs the clinical scenarios of {@code rules/scenarios/<case>/}: {@code request.json} through the whole
 * pipeline, compared with {@code expected.json}, a fragment of the plan. In the fragment an object lists
 * only the fields that matter, and an array lists elements that must all be present (in any order, others
 * may be present too). Clinical leads add a case by copying a folder.
 */
public final class ScenarioRunner {

    public record Scenario(String name, Path dir) {
    }

    public record Result(String name, List<String> differences, List<String> firedRuleIds) {
        public boolean passed() {
            return differences.isEmpty();
        }
    }

    private final RequestReader reader;
    private final ObjectMapper json;

    public ScenarioRunner(RequestReader reader, ObjectMapper json) {
        this.reader = reader;
        this.json = json.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static List<Scenario> scenarios(Path rulesDir) {
        Path dir = rulesDir.resolve("scenarios");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory)
                    .filter(d -> Files.exists(d.resolve("request.json")))
                    .sorted()
                    .map(d -> new Scenario(d.getFileName().toString(), d))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Result run(RuleBase ruleBase, Scenario scenario) {
        try {
            JsonNode expected = json.readTree(scenario.dir().resolve("expected.json").toFile());
            byte[] request = Files.readAllBytes(scenario.dir().resolve("request.json"));
            TreatmentPlan plan;
            try {
                plan = PlanService.plan(ruleBase, reader.read(request), "scenario");
            } catch (BadRequestProblem e) {
                return new Result(scenario.name(), List.of("request.json is invalid: " + e.violations()), List.of());
            }
            List<String> differences = new ArrayList<>();
            compare(expected, json.valueToTree(plan), "", differences);
            return new Result(scenario.name(), differences,
                    plan.rationale().stream().map(TreatmentPlan.RationaleItem::ruleId).toList());
        } catch (IOException e) {
            return new Result(scenario.name(), List.of("cannot read the scenario: " + e.getMessage()), List.of());
        }
    }

    public List<Result> runAll(RuleBase ruleBase, Path rulesDir) {
        return scenarios(rulesDir).stream().map(s -> run(ruleBase, s)).toList();
    }

    /** Adds a line per expected value that the actual plan lacks, named by its path in the plan. */
    static void compare(JsonNode expected, JsonNode actual, String path, List<String> out) {
        if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                out.add(path + ": expected an object, got " + actual);
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                JsonNode a = actual.get(f.getKey());
                if (a == null) {
                    out.add(p + ": expected " + f.getValue() + ", but the plan has no such field");
                } else {
                    compare(f.getValue(), a, p, out);
                }
            }
        } else if (expected.isArray()) {
            if (actual == null || !actual.isArray()) {
                out.add(path + ": expected an array, got " + actual);
                return;
            }
            if (expected.isEmpty() || isPlainValues(expected)) {
                if (!sameElements(expected, actual)) {
                    out.add(path + ": expected exactly " + expected + " (any order), got " + actual);
                }
                return;
            }
            for (JsonNode e : expected) {
                boolean found = false;
                for (JsonNode a : actual) {
                    List<String> none = new ArrayList<>();
                    compare(e, a, path, none);
                    if (none.isEmpty()) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    out.add(path + ": expected an element matching " + e + ", got " + actual);
                }
            }
        } else if (!sameValue(expected, actual)) {
            out.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    private static boolean isPlainValues(JsonNode array) {
        for (JsonNode e : array) {
            if (e.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameElements(JsonNode expected, JsonNode actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        List<JsonNode> left = new ArrayList<>();
        actual.forEach(left::add);
        for (JsonNode e : expected) {
            int match = -1;
            for (int k = 0; k < left.size() && match < 0; k++) {
                if (sameValue(e, left.get(k))) {
                    match = k;
                }
            }
            if (match < 0) {
                return false;
            }
            left.remove(match);
        }
        return true;
    }

    private static boolean sameValue(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual != null && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
