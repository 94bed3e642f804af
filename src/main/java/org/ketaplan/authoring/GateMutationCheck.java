package org.ketaplan.authoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ketaplan.facts.Parameter;
import org.ketaplan.ruleset.CsvTable;
import org.ketaplan.ruleset.ParameterTable;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleInfo;
import org.ketaplan.ruleset.RuleProblem;

/**
 * Tests the gate itself: the rules listed in {@code scenarios/safety-scope.csv} are deleted one at a time, and
 * each parameter they read is moved by one unit (or to each of its other choices) one at a time, and some
 * scenario must fail every time. A mutation no scenario notices is a change a clinical lead could make to a
 * running service without the gate rejecting it. Deleting a rule is done by never letting it fire, and a
 * parameter is a fact: nothing is recompiled, so the whole check takes seconds.
 */
public final class GateMutationCheck {

    static final String SCOPE = "scenarios/safety-scope.csv";
    /**
     * An entry "policy:NAME" says that a parameter a safety rule reads is a site's policy (a review interval, say),
     * not a safety threshold: the rule is still deleted and must be caught, the value is not moved.
     */
    static final String POLICY = "policy:";
    private static final Pattern RULE_BLOCK = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\"(.*?)^end\\b");
    private static final Pattern PARAMETER = Pattern.compile("Parameter\\s*\\(\\s*name\\s*==\\s*\"([A-Z0-9_]+)\"");

    /** One mutation and whether the gate caught it (and by which scenario). */
    public record Mutation(String description, String caughtBy) {
        public boolean caught() {
            return caughtBy != null;
        }
    }

    public record Report(List<Mutation> mutations, List<String> problems) {
        public long caught() {
            return mutations.stream().filter(Mutation::caught).count();
        }

        public List<Mutation> missed() {
            return mutations.stream().filter(m -> !m.caught()).toList();
        }

        public boolean complete() {
            return problems.isEmpty() && missed().isEmpty() && !mutations.isEmpty();
        }

        public String summary() {
            return "gate catches " + caught() + "/" + mutations.size() + " safety mutations";
        }
    }

    private GateMutationCheck() {
    }

    public static Report run(RuleBase ruleBase, Path rulesDir, ScenarioRunner runner) {
        List<String> problems = new ArrayList<>();
        List<String> scope = scope(rulesDir, problems);
        List<ScenarioRunner.Scenario> scenarios = ScenarioRunner.scenarios(rulesDir);
        for (ScenarioRunner.Scenario s : scenarios) {
            if (!runner.run(ruleBase, s).passed()) {
                problems.add("scenario " + s.name() + " fails on the unchanged rules: fix it first");
            }
        }
        if (!problems.isEmpty()) {
            return new Report(List.of(), problems);
        }
        List<RuleInfo> rules = ruleBase.rules().stream().filter(r -> inScope(r.id(), scope)).toList();
        Map<String, String> blocks = ruleBlocks(rulesDir);
        List<Mutation> mutations = new ArrayList<>();
        Set<String> parameters = new LinkedHashSet<>();
        for (RuleInfo rule : rules) {
            mutations.add(new Mutation("delete " + rule.id() + " \"" + rule.name() + "\"",
                    firstFailing(ruleBase.withoutRule(rule.name()), scenarios, runner)));
            Matcher m = PARAMETER.matcher(blocks.getOrDefault(rule.name(), ""));
            while (m.find()) {
                parameters.add(m.group(1));
            }
        }
        Map<String, ParameterTable.Declared> declared = ParameterTable.declared(rulesDir);
        for (String name : parameters) {
            if (scope.contains(POLICY + name)) {
                continue; // a site's policy, which scenarios pin: a site may move it, so no scenario must notice
            }
            ParameterTable.Declared d = declared.get(name);
            if (d == null || d.value() == null) {
                continue; // an optional parameter left blank: the rules that read it are silent by design
            }
            for (Parameter moved : moves(d)) {
                String shown = moved.choice() != null ? moved.choice() : format(moved.value());
                String was = d.value().choice() != null ? d.value().choice() : format(d.value().value());
                mutations.add(new Mutation("move " + name + " from " + was + " to " + shown,
                        firstFailing(ruleBase.withParameters(replace(ruleBase.parameters(), moved)), scenarios, runner)));
            }
        }
        return new Report(mutations, problems);
    }

    private static List<Parameter> moves(ParameterTable.Declared d) {
        if (!d.numeric()) {
            return d.choices().stream().filter(c -> !c.equals(d.value().choice()))
                    .map(c -> Parameter.choice(d.name(), c)).toList();
        }
        return List.of(new Parameter(d.name(), d.value().value() - 1), new Parameter(d.name(), d.value().value() + 1));
    }

    private static List<Parameter> replace(List<Parameter> parameters, Parameter moved) {
        List<Parameter> out = new ArrayList<>();
        parameters.stream().filter(p -> !p.name().equals(moved.name())).forEach(out::add);
        out.add(moved);
        return out;
    }

    private static String firstFailing(RuleBase mutated, List<ScenarioRunner.Scenario> scenarios,
                                       ScenarioRunner runner) {
        for (ScenarioRunner.Scenario s : scenarios) {
            if (!runner.run(mutated, s).passed()) {
                return s.name();
            }
        }
        return null;
    }

    private static boolean inScope(String id, List<String> scope) {
        for (String entry : scope) {
            boolean family = entry.endsWith("-");
            // "RESP-02" is RESP-02 and its parts RESP-02a, RESP-02b..., never RESP-020.
            if (family ? id.startsWith(entry)
                    : id.startsWith(entry) && id.substring(entry.length()).matches("[a-z]?")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> scope(Path rulesDir, List<String> problems) {
        Path file = rulesDir.resolve(SCOPE);
        if (!Files.isRegularFile(file)) {
            problems.add(SCOPE + " is missing: the check needs to know which rules are safety rules");
            return List.of();
        }
        List<RuleProblem> read = new ArrayList<>();
        List<String> out = new ArrayList<>();
        try {
            for (CsvTable.Row row : CsvTable.read(SCOPE, Files.readAllBytes(file), read, "rules")) {
                out.add(row.get("rules"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        read.forEach(p -> problems.add(p.toString()));
        return out;
    }

    /** Rule name to its DRL text, across the rules directory (names are unique). */
    private static Map<String, String> ruleBlocks(Path rulesDir) {
        Map<String, String> blocks = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(rulesDir)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Matcher m = RULE_BLOCK.matcher(Files.readString(p));
                while (m.find()) {
                    blocks.put(m.group(1), m.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blocks;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
