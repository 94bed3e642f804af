package org.ketaplan.conclusions;

import java.time.LocalDate;

/**
 * A field of the REMS Patient Monitoring Form an esketamine session's record lacks (clinical-spec SES-03), by its
 * request path within the session ({@code vitalsDischarge}); the plan groups them by session under {@code remsForms}.
 */
public record RemsFormField(LocalDate sessionDate, LocalDate dueBy, String field) implements PlanItem {
    @Override
    public String text() {
        return "REMS form of " + sessionDate + ": " + field;
    }
}
