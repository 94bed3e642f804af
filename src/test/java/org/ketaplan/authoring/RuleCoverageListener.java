package org.ketaplan.authoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.ketaplan.plan.FiredRules;

/**
 * Registered for the whole test run (META-INF/services): names the test each plan is made for, and when the unit
 * tests end writes which tests fired which rule to {@link #REPORT}. {@code RuleCoverageIT}, which runs after every
 * unit test, fails on a rule none of them fired and keeps rules/TRACEABILITY.md current from it.
 */
public class RuleCoverageListener implements TestExecutionListener {

    static final Path REPORT = Path.of("target", "rule-coverage.tsv");

    private boolean unitTestRun;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        // The integration tests run in a JVM of their own after the unit tests; there the report is read, not made.
        unitTestRun = testPlan.getRoots().stream().flatMap(root -> testPlan.getDescendants(root).stream())
                .map(id -> id.getSource().orElse(null))
                .noneMatch(s -> s instanceof ClassSource c && c.getClassName().endsWith("IT"));
        if (unitTestRun) {
            try {
                Files.deleteIfExists(REPORT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.getSource().orElse(null) instanceof MethodSource m) {
            // Generated requests (the envelope's properties) differ from run to run, and so would the rules they
            // fire: the traceability matrix lists only tests that fire the same rules every time.
            FiredRules.currentTest(m.getClassName().startsWith("org.ketaplan.envelope.") ? null
                    : m.getClassName().replaceFirst(".*\\.", "").replace('$', '.') + "." + m.getMethodName());
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!unitTestRun || FiredRules.testsByRule().isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        Map<String, TreeSet<String>> sorted = new TreeMap<>();
        FiredRules.testsByRule().forEach((rule, tests) -> sorted.put(rule, new TreeSet<>(tests)));
        sorted.forEach((rule, tests) -> tests.forEach(t -> lines.add(rule + "\t" + t)));
        try {
            Files.createDirectories(REPORT.getParent());
            Files.write(REPORT, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as written: rule ID to the tests that fired it. */
    static Map<String, TreeSet<String>> read() throws IOException {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (String line : Files.readAllLines(REPORT)) {
            String[] cells = line.split("\t", 2);
            out.computeIfAbsent(cells[0], k -> new TreeSet<>()).add(cells.length > 1 ? cells[1] : "other");
        }
        return out;
    }
}
