package org.ketaplan.conclusions;

import org.ketaplan.facts.Reviewer;

/** A review needed before the series may start; any clearance makes the plan NEEDS_CLEARANCE at least. */
public record Clearance(Reviewer reviewer, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
