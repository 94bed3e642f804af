package org.ketaplan.conclusions;

import java.time.LocalDate;

/**
 * A positive suicide-risk signal (PHQ-9 item 9) newer than the last C-SSRS: the older screen does not cover
 * it (clinical-spec SAFE-01, SUI-05).
 */
public record UncoveredSuicideSignal(int score, LocalDate date, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
