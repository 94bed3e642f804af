package org.ketaplan.conclusions;

import java.time.LocalDate;

/**
 * Where the current induction began (clinical-spec SES-05): session 1, or the first session after a gap that
 * interrupted it ({@code restarted}); {@code sessions} counts the sessions since then, the ones that count toward
 * induction complete.
 */
public record InductionStart(int firstNumber, LocalDate date, long daysBeforeAsOf, int sessions, boolean restarted,
                             String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
