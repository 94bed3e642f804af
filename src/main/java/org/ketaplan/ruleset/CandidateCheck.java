package org.ketaplan.ruleset;

import java.nio.file.Path;
import java.util.List;

/**
 * A clinical check a compiled rule set must pass before it may serve (the scenario gate). Lives behind an
 * interface so the engine does not depend on the plan assembly that runs the scenarios.
 */
public interface CandidateCheck {

    /** One failure: the scenario (or check) and what differed. */
    record Failure(String scenario, List<String> differences) {
    }

    /**
     * @return the failures, empty when the candidate passes; also records which rules each scenario fired
     */
    Outcome check(RuleBase candidate, Path rulesDir);

    record Outcome(List<Failure> failures, java.util.Map<String, java.util.Set<String>> scenariosByRuleId) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }
}
