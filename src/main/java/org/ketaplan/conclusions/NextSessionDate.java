package org.ketaplan.conclusions;

import java.time.LocalDate;

/** When the next session may be given (clinical-spec SES-01): the plan's {@code nextSession.date}. */
public record NextSessionDate(LocalDate date, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
