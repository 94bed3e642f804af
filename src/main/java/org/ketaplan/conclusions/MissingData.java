package org.ketaplan.conclusions;

/**
 * A fact a rule needed but the request did not give, named by its request path (e.g.
 * {@code patient.pregnancyStatus}). Any missing fact makes the plan INSUFFICIENT_DATA at least.
 */
public record MissingData(String fact, String reason) implements PlanItem {
    @Override
    public String text() {
        return fact + ": " + reason;
    }
}
