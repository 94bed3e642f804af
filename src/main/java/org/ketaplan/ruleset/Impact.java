package org.ketaplan.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a candidate rule set would change, measured by replaying recorded requests (each with its original
 * {@code asOf}) and every scenario against the active and the candidate rule set. It informs a clinical lead; the
 * scenario gate still decides whether the candidate may serve.
 *
 * @param recorded    recorded requests replayed (from {@code windowFrom} to {@code windowTo}, newest first,
 *                    at most the configured count)
 * @param scenarios   scenarios replayed: every scenario but those run under their own site parameters or expecting
 *                    a refusal, which only the gate runs ({@code scenariosGateOnly})
 * @param unreadable  recorded requests the current request reader refuses (kept out of the counts)
 * @param changed     replays whose plan differs in at least one of the kinds
 * @param changes     per kind of change, how many replays show it
 * @param examples    a few replays per kind: the plan id or scenario, before and after, rule IDs that appeared
 *                    and disappeared
 * @param scenariosGateOnly scenarios not replayed because they are not one plan under the site's parameters
 */
public record Impact(String activeVersion, String candidateVersion, Instant at, Instant windowFrom,
                     Instant windowTo, int recorded, int scenarios, int unreadable, int changed,
                     Map<Kind, Integer> changes, List<Example> examples, long millis, int scenariosGateOnly) {

    /** The parts of a plan a lead watches. */
    public enum Kind { TRIAGE, ELIGIBILITY, SERIES, MAINTENANCE, NEXT_SESSION }

    /** {@code source}: RECORDED (id is the plan id) or SCENARIO (id is the scenario's name). */
    public record Example(Kind kind, String source, String id, String before, String after,
                          List<String> rulesAppeared, List<String> rulesDisappeared) {
    }

    /** Replays a candidate against the active rule set. Behind an interface: ruleset knows no plans. */
    public interface Analysis {
        Impact compare(RuleBase active, RuleBase candidate, java.nio.file.Path candidateDir);
    }
}
