package org.ketaplan.authoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.ketaplan.plan.RequestReader;
import org.ketaplan.ruleset.CandidateCheck;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleBaseException;
import org.ketaplan.ruleset.RuleBaseLoader;
import org.ketaplan.ruleset.RuleInfo;
import org.ketaplan.ruleset.RuleProblem;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The check a clinical lead runs on a copy of rules/ before deploying it: the same compilation, metadata
 * checks and scenario gate the service applies on reload, reported in plain words.
 */
public final class RulesCheck {

    /** The report, and whether it found anything that would stop the rules from loading. */
    public record Report(String text, boolean passed) {
    }

    private RulesCheck() {
    }

    /**
     * The rules a candidate is compared with: their folder, the rule IDs their scenarios exercise, and where the
     * recorded plans of the impact report were read (in words, for the report).
     */
    public record Active(Path dir, Set<String> exercised, String recordsFrom) {
    }

    public static Report run(Path dir, RequestReader reader, ObjectMapper json) {
        return run(dir, reader, json, null, true, null);
    }

    /**
     * {@code impact}: what the candidate would change over the active rules, printed once the gate passes.
     * {@code active}: when known, only the rules the edit touched are listed as lacking a scenario.
     */
    public static Report run(Path dir, RequestReader reader, ObjectMapper json,
                             java.util.function.Function<RuleBase, org.ketaplan.ruleset.Impact> impact, boolean mutations,
                             Active active) {
        StringBuilder out = new StringBuilder();
        String name = dir.toString();
        out.append("Checking rules in ").append(name).append("\n\n");
        RuleBase rb;
        try {
            rb = new RuleBaseLoader(dir, name).load();
        } catch (RuleBaseException e) {
            out.append("REJECTED: the rules do not load (").append(e.problems().size()).append(" problem")
                    .append(e.problems().size() == 1 ? "" : "s").append("):\n");
            for (RuleProblem p : e.problems()) {
                out.append("  - ").append(p).append('\n');
            }
            out.append("\nFix these, then run the check again. The running service keeps its current rules.\n");
            return new Report(out.toString(), false);
        }
        out.append("Compiled ").append(rb.rules().size()).append(" rules; every rule has its metadata.\n");

        // The same gate a reload applies: every scenario, and the terminology's values.
        ScenarioRunner runner = new ScenarioRunner(reader, json);
        int scenarios = ScenarioRunner.scenarios(dir).size();
        CandidateCheck.Outcome outcome = new ScenarioGate(reader, json).check(rb, dir);
        Set<String> exercised = new TreeSet<>(outcome.scenariosByRuleId().keySet());
        List<CandidateCheck.Failure> failed = outcome.failures();
        long failedScenarios = failed.stream().filter(f -> !f.scenario().equals("terminology")).count();
        out.append("Scenarios: ").append(scenarios - failedScenarios).append(" of ").append(scenarios)
                .append(" pass.\n");
        for (CandidateCheck.Failure f : failed) {
            out.append("  FAILED ").append(f.scenario()).append(":\n");
            f.differences().forEach(d -> out.append("    - ").append(d).append('\n'));
        }
        List<RuleInfo> unexercised = rb.rules().stream().filter(r -> !exercised.contains(r.id()))
                .filter(r -> active == null || touched(r, dir, active)).toList();
        if (!unexercised.isEmpty()) {
            out.append(active == null ? "\nRules no scenario exercises (" : "\nRules you changed, or whose scenarios "
                    + "you removed, that no scenario exercises (").append(unexercised.size())
                    .append("; consider adding a scenario):\n");
            unexercised.forEach(r -> out.append("  - ").append(r.id()).append(" \"").append(r.name()).append("\" (")
                    .append(r.file()).append(")\n"));
        }
        if (failed.isEmpty() && impact != null) {
            if (active != null && sameFolder(dir, active.dir())) {
                out.append("\nThe candidate is the active rules' own folder: nothing can differ. Name the rules the "
                        + "service runs with -Dactive=... to see what the edit would change.\n");
            }
            out.append('\n').append(ImpactAnalysis.text(impact.apply(rb)));
            if (active != null && active.recordsFrom() != null) {
                out.append("  Recorded plans: ").append(active.recordsFrom()).append(".\n");
            }
        }
        if (failed.isEmpty() && !mutations) {
            out.append("\nGate: not proven by mutation this time (--skip-mutations).\n");
        }
        if (failed.isEmpty() && mutations) {
            GateMutationCheck.Report gate = GateMutationCheck.run(rb, dir, runner);
            out.append('\n').append("Gate: ").append(gate.summary()).append(gate.complete() ? "." : ":").append('\n');
            gate.problems().forEach(p -> out.append("  - ").append(p).append('\n'));
            gate.missed().forEach(m -> out.append("  - not caught: ").append(m.description())
                    .append(" (add a scenario that this change would fail)\n"));
        }
        rb.dispose();
        boolean passed = failed.isEmpty();
        out.append('\n').append(passed ? "PASSED: these rules would be accepted."
                : "REJECTED: a failing scenario would stop these rules from loading.").append('\n');
        return new Report(out.toString(), passed);
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /**
     * A rule the edit touched: new, in a file that differs from the active one, or exercised by the active rules'
     * scenarios and no longer. The rest were judged when the active rules were accepted; listing them again is noise
     * that hides the one a lead just wrote.
     */
    private static boolean touched(RuleInfo rule, Path dir, Active active) {
        if (active.exercised().contains(rule.id())) {
            return true;
        }
        // The loader names a rule's file under the name it was given: this folder's path.
        String prefix = dir + "/";
        if (!rule.file().startsWith(prefix)) {
            return true;
        }
        String relative = rule.file().substring(prefix.length());
        try {
            Path before = active.dir().resolve(relative);
            return !Files.isRegularFile(before) || Files.mismatch(before, dir.resolve(relative)) != -1L;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
