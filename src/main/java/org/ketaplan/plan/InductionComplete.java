package org.ketaplan.plan;

/** The induction series has been given in full; response is judged and maintenance decided now. */
public record InductionComplete(int sessions, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
