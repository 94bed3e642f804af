package org.ketaplan.conclusions;

import java.util.List;

/**
 * How the sessions of one series type are spaced: day offsets from the first session (day 0). The plan
 * dates them from asOf + 1 only when it schedules.
 */
public record SessionSpacing(SeriesType type, List<Integer> dayOffsets, String description) implements PlanItem {

    /** The closest two sessions of the pattern are: the earliest a next session may follow the last one. */
    public int minDaysApart() {
        int min = Integer.MAX_VALUE;
        for (int i = 1; i < dayOffsets.size(); i++) {
            min = Math.min(min, dayOffsets.get(i) - dayOffsets.get(i - 1));
        }
        return min == Integer.MAX_VALUE ? 1 : min;
    }

    @Override
    public String text() {
        return description;
    }
}
