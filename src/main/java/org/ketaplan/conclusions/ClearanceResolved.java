package org.ketaplan.conclusions;

import java.time.LocalDate;

import org.ketaplan.facts.Reviewer;

/**
 * A clearance the plan asks for was obtained (clinical-spec STEP-01): the clearances by this reviewer (answering
 * {@code ruleId}, or any when it is null) no longer block ELIGIBLE and are listed under {@code resolvedClearances}.
 */
public record ClearanceResolved(Reviewer reviewer, String ruleId, LocalDate date) implements PlanItem {
    @Override
    public String text() {
        return reviewer + (ruleId == null ? "" : " (" + ruleId + ")") + " cleared on " + date;
    }
}
