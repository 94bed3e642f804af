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
import org.ketaplan.ruleset.Terminology;

import com.fasterxml.jackson.databind.JsonNode;
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
        failures.addAll(hiddenButNeeded(candidate.terminology().skips(), results));
        return new Outcome(failures, coverage);
    }

    /**
     * The intake never hides a question the plan still needs: on every scenario's request, no field the skip logic
     * leaves unasked (as the clinician page reads it) is among the plan's missing facts. Otherwise the page could never
     * complete that plan, whatever the clinician knew.
     */
    private List<Failure> hiddenButNeeded(List<Terminology.Skip> skips, List<ScenarioRunner.Result> results) {
        List<Failure> out = new ArrayList<>();
        for (ScenarioRunner.Result r : results) {
            // Only a plan that still misses something can miss a hidden question: most requests are never read here.
            if (r.request() == null || skips.isEmpty() || r.missingFacts().isEmpty()) {
                continue;
            }
            Set<String> hidden;
            try {
                hidden = notAsked(skips, json.readTree(r.request()));
            } catch (java.io.IOException e) {
                continue; // a request that is not JSON failed its scenario already
            }
            for (String fact : r.missingFacts()) {
                if (hidden.contains(fact)) {
                    String at = skips.stream().filter(k -> k.fact().equals(fact)).map(Terminology.Skip::at).findFirst()
                            .orElse(fact);
                    out.add(new Failure(r.name(), List.of(at + ": the intake does not ask " + fact
                            + ", which this plan still needs")));
                }
            }
        }
        return out;
    }

    /**
     * The fields the skip logic leaves unasked for a request, read as the clinician page reads the table: a field is
     * asked when one of its rows holds, and a field not asked counts as empty for the rows that depend on it.
     */
    static Set<String> notAsked(List<Terminology.Skip> skips, JsonNode request) {
        Map<String, List<Terminology.Skip>> byFact = new java.util.LinkedHashMap<>();
        skips.forEach(k -> byFact.computeIfAbsent(k.fact(), f -> new ArrayList<>()).add(k));
        Set<String> hidden = new java.util.HashSet<>();
        for (int pass = 0; pass <= byFact.size(); pass++) {
            boolean changed = false;
            for (var e : byFact.entrySet()) {
                boolean asked = e.getValue().stream().anyMatch(k -> k.noneOf() != k.values().contains(
                        hidden.contains(k.when()) ? "" : text(request, k.when())));
                changed |= asked ? hidden.remove(e.getKey()) : hidden.add(e.getKey());
            }
            if (!changed) {
                break;
            }
        }
        return hidden;
    }

    private static String text(JsonNode request, String path) {
        int dot = path.indexOf('.');
        JsonNode n = request.path(path.substring(0, dot)).path(path.substring(dot + 1));
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
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
        for (var skip : candidate.terminology().skips()) {
            // The field skipped must be one the request has (here as unknown), the answers it depends on valid ones;
            // what else a request needs beside them (a screen's date) is not the table's business.
            checkField(skip.at(), skip.fact(), out);
            for (String v : skip.values()) {
                com.fasterxml.jackson.databind.node.ObjectNode request = json.createObjectNode();
                JsonPaths.put(request, skip.when(), v);
                read(skip.at(), skip.when(), v, request, out, true);
            }
        }
        return out;
    }

    /** A field of two steps (patient.sex) the request has: sent as unknown, it must be accepted. */
    private void checkField(String at, String path, List<Failure> out) {
        com.fasterxml.jackson.databind.node.ObjectNode request = json.createObjectNode();
        request.putObject(path.substring(0, path.indexOf('.'))).putNull(path.substring(path.indexOf('.') + 1));
        read(at, path, "unknown", request, out, true);
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
        read(at, path, value, request, out, false);
    }

    /** {@code thisFieldOnly}: only what the reader says of {@code path} itself counts. */
    private void read(String at, String path, String value, com.fasterxml.jackson.databind.node.ObjectNode request,
                      List<Failure> out, boolean thisFieldOnly) {
        try {
            reader.read(json.writeValueAsBytes(request));
        } catch (BadRequestProblem e) {
            if (thisFieldOnly && e.violations().stream().noneMatch(v -> path.equals(v.field()))) {
                return;
            }
            out.add(new Failure("terminology", List.of(at + ": " + path + " = " + value + " is not a valid request value ("
                    + e.violations().stream().map(v -> v.field() + " " + v.message()).toList() + ")")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
