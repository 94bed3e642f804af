package org.ketaplan.conclusions;

import java.time.LocalDate;

/**
 * The induction series has been given in full; response is judged and maintenance decided now.
 * {@code lastSession} is the date of its last session (the 6th infusion, the 8th esketamine session), which
 * anchors the end-of-induction verdict (RESP-09) and the maintenance review date (MAINT-03).
 */
public record InductionComplete(int sessions, LocalDate lastSession, long daysSinceLastSession, String reason)
        implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
