package org.ketaplan.conclusions;

import java.time.LocalDate;

import org.ketaplan.facts.Reviewer;

/**
 * A review needed before the series may start; any clearance makes the plan NEEDS_CLEARANCE at least.
 * {@code findingDate} is the date of the finding it is asked for, where the finding has one: a recorded clearance
 * dated before it answers an older finding, not this one (clinical-spec STEP-01 as corrected in 19.2).
 */
public record Clearance(Reviewer reviewer, String reason, LocalDate findingDate) implements PlanItem {

    public Clearance(Reviewer reviewer, String reason) {
        this(reviewer, reason, null);
    }

    @Override
    public String text() {
        return reason;
    }
}
