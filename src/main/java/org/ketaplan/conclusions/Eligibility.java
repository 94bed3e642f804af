package org.ketaplan.conclusions;

/** A rule's verdict on eligibility; the plan keeps the most restrictive one. */
public record Eligibility(EligibilityLevel level, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
