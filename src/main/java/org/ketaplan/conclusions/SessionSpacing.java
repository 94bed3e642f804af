package org.ketaplan.conclusions;

import java.util.List;

/**
 * How the sessions of one series type are spaced: day offsets from the first session (day 0). The plan
 * dates them from asOf + 1 only when it schedules.
 */
public record SessionSpacing(SeriesType type, List<Integer> dayOffsets, String description) implements PlanItem {
    @Override
    public String text() {
        return description;
    }
}
