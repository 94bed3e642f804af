package org.ketaplan.conclusions;

/**
 * Nothing of the series is dated now (clinical-spec ENV-01, ENV-02, SES-05, MOD-04, STEP-05): the series is
 * DEFER, with this reason, and keeps the type the patient would get in {@code proposedType}.
 */
public record ScheduleWithheld(String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
