package org.ketaplan.authoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ketaplan.facts.Parameter;
import org.ketaplan.plan.BadRequestProblem;
import org.ketaplan.plan.JsonPaths;
import org.ketaplan.plan.PlanService;
import org.ketaplan.plan.RequestReader;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.ruleset.CsvTable;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the clinical scenarios of {@code rules/scenarios/}, each through the whole pipeline, and compares the
 * plan with what the scenario expects. A scenario is either a folder ({@code <case>/request.json} and
 * {@code expected.json}, a fragment of the plan) or one row of a table in {@code scenarios/tables/}: a base
 * request from {@code scenarios/bases/} with a few fields changed, the plan fields expected, and the rules
 * that must and must not fire, and optionally a site-policy variant of the parameters it runs under.
 * Clinical leads add a case by copying a folder or adding a row.
 * In a fragment an object lists only the fields that matter, and an array lists elements that must all be
 * present (in any order, others may be present too); {@code rulesFired} and {@code rulesNotFired} list rule
 * IDs that must (not) appear in the plan's rationale.
 */
public final class ScenarioRunner {

    static final String TABLES = "tables";
    static final String BASES = "bases";
    private static final String[] TABLE_COLUMNS = {"case", "base", "set", "expect", "fired", "not_fired"};

    /**
     * One clinical case. {@code problem} is set when the case itself cannot be read (a bad path, an unknown
     * base): such a case always fails, so a broken scenario can never pass the gate unnoticed.
     */
    public record Scenario(String name, String origin, byte[] request, Map<String, String> parameters,
                           Expected expected, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a scenario expects of its plan. */
    public record Expected(JsonNode fragment, List<Check> checks, List<String> fired, List<String> notFired) {
    }

    /** {@code path = value} (the field equals the value) or {@code path has value} (the list holds it). */
    public record Check(String path, boolean contains, JsonNode value) {
    }

    /**
     * {@code request} and {@code missingFacts}: what was asked and which facts the plan still needs, for the gate's
     * check that the intake never hides a question the plan needs (empty where no plan was made).
     */
    public record Result(String name, List<String> differences, List<String> firedRuleIds, byte[] request,
                         List<String> missingFacts) {

        Result(String name, List<String> differences, List<String> firedRuleIds) {
            this(name, differences, firedRuleIds, null, List.of());
        }

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

    /** Every scenario under {@code rulesDir/scenarios}: the folders, then the rows of each table. */
    public static List<Scenario> scenarios(Path rulesDir) {
        Path dir = rulesDir.resolve("scenarios");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        ObjectMapper mapper = new ObjectMapper();
        List<Scenario> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path d : list.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("request.json")))
                    .sorted().toList()) {
                out.add(folder(d, rulesDir, mapper));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path tables = dir.resolve(TABLES);
        if (Files.isDirectory(tables)) {
            try (Stream<Path> list = Files.list(tables)) {
                for (Path t : list.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                    out.addAll(table(t, dir, rulesDir, mapper));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        List<String> seen = new ArrayList<>();
        List<Scenario> checked = new ArrayList<>();
        for (Scenario s : out) {
            checked.add(seen.contains(s.name()) ? broken(s.name(), s.origin(),
                    "another scenario has the same name; give each case its own") : s);
            seen.add(s.name());
        }
        return checked;
    }

    private static Scenario folder(Path d, Path rulesDir, ObjectMapper mapper) {
        String name = d.getFileName().toString();
        String origin = rulesDir.relativize(d).toString();
        try {
            byte[] request = Files.readAllBytes(d.resolve("request.json"));
            ObjectNode expected = (ObjectNode) mapper.readTree(d.resolve("expected.json").toFile());
            List<String> fired = ids(expected.remove("rulesFired"));
            List<String> notFired = ids(expected.remove("rulesNotFired"));
            // As a table's "parameters" column: the site-policy values the expected plan was written for.
            Map<String, String> parameters = new java.util.LinkedHashMap<>();
            JsonNode given = expected.remove("parameters");
            if (given != null && !given.isObject()) {
                return broken(name, origin, "\"parameters\" must be an object of parameter names and values");
            }
            if (given != null) {
                given.fields().forEachRemaining(f -> parameters.put(f.getKey(), f.getValue().asText()));
            }
            return new Scenario(name, origin, request, Map.copyOf(parameters),
                    new Expected(expected, List.of(), fired, notFired), null);
        } catch (IOException | ClassCastException e) {
            return broken(name, origin, "cannot read the scenario: " + e.getMessage());
        }
    }

    private static List<String> ids(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asText()));
        }
        return List.copyOf(out);
    }

    private static List<Scenario> table(Path file, Path scenariosDir, Path rulesDir, ObjectMapper mapper)
            throws IOException {
        String origin = rulesDir.relativize(file).toString();
        List<RuleProblem> problems = new ArrayList<>();
        List<CsvTable.Row> rows = CsvTable.read(origin, Files.readAllBytes(file), problems, TABLE_COLUMNS);
        List<Scenario> out = new ArrayList<>();
        for (RuleProblem p : problems) {
            out.add(broken(file.getFileName().toString(), origin, p.toString()));
        }
        for (CsvTable.Row row : rows) {
            String name = row.get("case");
            String at = origin + ":" + row.line();
            try {
                if (!name.matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException("case must be a lower_snake_case name, got '" + name + "'");
                }
                Path base = scenariosDir.resolve(BASES).resolve(row.get("base") + ".json");
                if (!Files.isRegularFile(base)) {
                    throw new IllegalArgumentException("no base request " + BASES + "/" + row.get("base") + ".json");
                }
                ObjectNode request = (ObjectNode) mapper.readTree(base.toFile());
                for (String change : items(row.get("set"))) {
                    int eq = change.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("a change is path=value, got '" + change + "'");
                    }
                    String value = change.substring(eq + 1).strip();
                    JsonPaths.set(request, change.substring(0, eq).strip(),
                            value.equals("absent") ? null : value(mapper, value));
                }
                List<Check> checks = new ArrayList<>();
                for (String e : items(row.get("expect"))) {
                    checks.add(check(mapper, e));
                }
                Map<String, String> parameters = new java.util.LinkedHashMap<>();
                for (String p : items(row.get("parameters"))) {
                    int eq = p.indexOf('=');
                    if (eq <= 0 || !p.substring(0, eq).strip().matches("[A-Z][A-Z0-9_]*")) {
                        throw new IllegalArgumentException("a parameter is NAME=value, got '" + p + "'");
                    }
                    parameters.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
                }
                out.add(new Scenario(name, at, mapper.writeValueAsBytes(request), Map.copyOf(parameters),
                        new Expected(null, checks, words(row.get("fired")), words(row.get("not_fired"))), null));
            } catch (IllegalArgumentException | IOException | ClassCastException e) {
                out.add(broken(name.isEmpty() ? "line_" + row.line() : name, at, e.getMessage()));
            }
        }
        return out;
    }

    private static Check check(ObjectMapper mapper, String text) {
        int has = text.indexOf(" has ");
        int eq = text.indexOf('=');
        if (has > 0 && (eq < 0 || has < eq)) {
            return new Check(text.substring(0, has).strip(), true, value(mapper, text.substring(has + 5).strip()));
        }
        if (eq <= 0) {
            throw new IllegalArgumentException("an expectation is path=value or path has value, got '" + text + "'");
        }
        return new Check(text.substring(0, eq).strip(), false, value(mapper, text.substring(eq + 1).strip()));
    }

    /** A JSON literal (number, true, false, null, "text", [..], {..}) or, for readability, a bare word. */
    private static JsonNode value(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }

    /** Splits a cell on {@code ;}, except inside a quoted JSON string or a [..] / {..} value. */
    private static List<String> items(String cell) {
        List<String> out = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '"' && (i == 0 || cell.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ']' || c == '}')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ';') {
                add(out, item);
                continue;
            }
            item.append(c);
        }
        add(out, item);
        return out;
    }

    private static void add(List<String> out, StringBuilder item) {
        if (!item.toString().isBlank()) {
            out.add(item.toString().strip());
        }
        item.setLength(0);
    }

    private static List<String> words(String cell) {
        List<String> out = new ArrayList<>();
        for (String s : cell.split("[\\s,]+")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return List.copyOf(out);
    }

    private static Scenario broken(String name, String origin, String problem) {
        return new Scenario(name, origin, null, Map.of(), null, problem);
    }

    public Result run(RuleBase ruleBase, Scenario scenario) {
        if (scenario.problem() != null) {
            return new Result(scenario.name(), List.of(scenario.origin() + ": " + scenario.problem()), List.of());
        }
        TreatmentPlan plan;
        try {
            plan = PlanService.plan(withParameters(ruleBase, scenario.parameters()), reader.read(scenario.request()),
                    "scenario");
        } catch (BadRequestProblem e) {
            return new Result(scenario.name(), List.of("the request is invalid: " + e.violations()), List.of());
        }
        List<String> fired = plan.rationale().stream().map(TreatmentPlan.RationaleItem::ruleId).toList();
        return new Result(scenario.name(), differences(scenario.expected(), json.valueToTree(plan), fired), fired,
                scenario.request(), plan.missingData().stream().map(TreatmentPlan.MissingItem::fact).toList());
    }

    /** The rules under a site-policy variant the scenario names (e.g. ESKETAMINE_LABEL_REGION=EU). */
    static RuleBase withParameters(RuleBase ruleBase, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return ruleBase;
        }
        List<Parameter> params = new ArrayList<>();
        ruleBase.parameters().stream().filter(p -> !overrides.containsKey(p.name())).forEach(params::add);
        overrides.forEach((name, value) -> {
            try {
                params.add(new Parameter(name, Double.parseDouble(value)));
            } catch (NumberFormatException e) {
                params.add(Parameter.choice(name, value));
            }
        });
        return ruleBase.withParameters(params);
    }

    static List<String> differences(Expected expected, JsonNode plan, List<String> fired) {
        List<String> differences = new ArrayList<>();
        if (expected.fragment() != null) {
            compare(expected.fragment(), plan, "", differences);
        }
        for (Check c : expected.checks()) {
            JsonNode actual = JsonPaths.get(plan, c.path());
            if (c.contains()) {
                if (actual == null || !actual.isArray() || !containsElement(actual, c.value())) {
                    differences.add(c.path() + ": expected to contain " + c.value() + ", got " + actual);
                }
            } else if (actual == null) {
                differences.add(c.path() + ": expected " + c.value() + ", but the plan has no such field");
            } else {
                compare(c.value(), actual, c.path(), differences);
            }
        }
        for (String id : expected.fired()) {
            if (!fired.contains(id)) {
                differences.add("rule " + id + " was expected to fire but did not");
            }
        }
        for (String id : expected.notFired()) {
            if (fired.contains(id)) {
                differences.add("rule " + id + " fired but was expected not to");
            }
        }
        return differences;
    }

    private static boolean containsElement(JsonNode array, JsonNode expected) {
        for (JsonNode a : array) {
            List<String> none = new ArrayList<>();
            compare(expected, a, "", none);
            if (none.isEmpty()) {
                return true;
            }
        }
        return false;
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
