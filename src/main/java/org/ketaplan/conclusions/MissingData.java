package org.ketaplan.conclusions;

/**
 * A fact a rule needed but the request did not give, named by its request path (e.g.
 * {@code patient.pregnancyStatus}), and by when it is needed. A BLOCKS_PLAN fact makes the plan INSUFFICIENT_DATA
 * at least; a FIRST_SESSION or EACH_SESSION fact becomes a check of the next session and holds it.
 */
public record MissingData(String fact, String reason, NeededBy neededBy) implements PlanItem {

    /** Needed before anything can be planned. */
    public MissingData(String fact, String reason) {
        this(fact, reason, NeededBy.BLOCKS_PLAN);
    }

    @Override
    public String text() {
        return fact + ": " + reason;
    }
}
