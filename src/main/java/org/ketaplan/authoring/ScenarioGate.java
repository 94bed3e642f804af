package org.ketaplan.authoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.ketaplan.plan.BadRequestProblem;
import org.ketaplan.plan.JsonPaths;
import org.ketaplan.plan.RequestReader;
import org.ketaplan.ruleset.CandidateCheck;
import org.ketaplan.ruleset.RuleBase;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Every scenario in rules/scenarios/ must pass before a rule set may serve. */
@ApplicationScoped
public class ScenarioGate implements CandidateCheck {

    private final ScenarioRunner runner;
    private final RequestReader reader;
    private final ObjectMapper json;

    public ScenarioGate(RequestReader reader, ObjectMapper json) {
        this.runner = new ScenarioRunner(reader, json);
        this.reader = reader;
        this.json = json;
    }

    @Override
    public Outcome check(RuleBase candidate, Path rulesDir) {
        List<Failure> failures = new ArrayList<>();
        Map<String, Set<String>> coverage = new HashMap<>();
        // Independent plans on a rule set built to serve concurrent requests: on every core, so that a start-up
        // (which waits for this before it is ready) and a reload are over sooner; reported in the scenarios' order.
        List<ScenarioRunner.Result> results = runAll(candidate, ScenarioRunner.scenarios(rulesDir));
        for (ScenarioRunner.Result r : results) {
            if (!r.passed()) {
                failures.add(new Failure(r.name(), r.differences()));
            }
            r.firedRuleIds().forEach(id -> coverage.computeIfAbsent(id, k -> new TreeSet<>()).add(r.name()));
        }
        failures.addAll(terminologyValues(candidate));
        return new Outcome(failures, coverage);
    }

    /**
     * Threads of the caller's class loader (the common pool's are the system's, which in the packaged application
     * sees neither the rules engine's services nor the application), one per core, for this check only.
     */
    private List<ScenarioRunner.Result> runAll(RuleBase candidate, List<ScenarioRunner.Scenario> scenarios) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), scenarios.size()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "scenario-gate");
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
        try {
            List<java.util.concurrent.Future<ScenarioRunner.Result>> futures = new ArrayList<>();
            for (ScenarioRunner.Scenario s : scenarios) {
                futures.add(pool.submit(() -> runner.run(candidate, s)));
            }
            List<ScenarioRunner.Result> results = new ArrayList<>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the scenario gate was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every value the FHIR code maps would put into a request must be one the request reader accepts: a typo
     * such as CONFIRMD would otherwise turn every EHR call with that code into a data-problem card.
     */
    private List<Failure> terminologyValues(RuleBase candidate) {
        List<Failure> out = new ArrayList<>();
        var fhir = candidate.terminology().fhir();
        for (var row : fhir.conditions()) {
            for (String value : java.util.Arrays.asList(row.value(), row.provisionalValue(), row.refutedValue())) {
                check(row.at(), row.sets(), value, out);
            }
        }
        fhir.procedures().values().forEach(rows -> rows.forEach(row -> check(row.at(), row.sets(), row.value(), out)));
        return out;
    }

    private void check(String at, String path, String value, List<Failure> out) {
        if (value == null) {
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode request = json.createObjectNode();
        if (path.endsWith("[]")) {
            JsonPaths.add(request, path.substring(0, path.length() - 2), value);
        } else {
            JsonPaths.put(request, path, value);
        }
        try {
            reader.read(json.writeValueAsBytes(request));
        } catch (BadRequestProblem e) {
            out.add(new Failure("terminology", List.of(at + ": " + path + " = " + value + " is not a valid request value ("
                    + e.violations().stream().map(v -> v.field() + " " + v.message()).toList() + ")")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
