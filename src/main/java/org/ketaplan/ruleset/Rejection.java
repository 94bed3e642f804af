package org.ketaplan.ruleset;

import java.time.Instant;
import java.util.List;

/** The last candidate rule set that was refused, and why; the active rule set kept serving. */
public record Rejection(Instant at, String trigger, List<RuleProblem> problems, List<CandidateCheck.Failure> scenarioFailures) {
}
