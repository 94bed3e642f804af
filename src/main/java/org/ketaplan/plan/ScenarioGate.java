package org.ketaplan.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.ketaplan.api.RequestReader;
import org.ketaplan.engine.CandidateCheck;
import org.ketaplan.engine.RuleBase;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Every scenario in rules/scenarios/ must pass before a rule set may serve. */
@ApplicationScoped
public class ScenarioGate implements CandidateCheck {

    private final ScenarioRunner runner;

    public ScenarioGate(RequestReader reader, ObjectMapper json) {
        this.runner = new ScenarioRunner(reader, json);
    }

    @Override
    public Outcome check(RuleBase candidate, Path rulesDir) {
        List<Failure> failures = new ArrayList<>();
        Map<String, Set<String>> coverage = new HashMap<>();
        for (ScenarioRunner.Scenario s : ScenarioRunner.scenarios(rulesDir)) {
            ScenarioRunner.Result r = runner.run(candidate, s);
            if (!r.passed()) {
                failures.add(new Failure(s.name(), r.differences()));
            }
            r.firedRuleIds().forEach(id -> coverage.computeIfAbsent(id, k -> new TreeSet<>()).add(s.name()));
        }
        return new Outcome(failures, coverage);
    }
}
