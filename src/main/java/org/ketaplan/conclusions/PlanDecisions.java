package org.ketaplan.conclusions;

import java.time.LocalDate;

/**
 * The plan's decisions as the assembly made them from every other rule's conclusions, given to the safety
 * envelope (rules/ketamine/envelope.drl, clinical-spec 19.1), which sees the plan whole and makes it stricter where
 * it would break an invariant. Not a plan item: no rule produces it.
 *
 * @param datedSessions how many sessions the series dates; {@code nextSessionDate} is null when none is planned
 */
public record PlanDecisions(
        TriageLevel triage,
        EligibilityLevel eligibility,
        SeriesType seriesType,
        int datedSessions,
        LocalDate nextSessionDate,
        SessionDecision nextSession,
        MaintenanceType maintenance) {

    /** Something is dated: a series schedule or a next session. */
    public boolean anythingDated() {
        return datedSessions > 0 || nextSessionDate != null;
    }
}
