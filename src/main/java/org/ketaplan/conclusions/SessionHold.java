package org.ketaplan.conclusions;

/** A reason the next session may not go ahead (clinical-spec SES-01, SES-02, STEP-06): it makes the session HOLD. */
public record SessionHold(String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
