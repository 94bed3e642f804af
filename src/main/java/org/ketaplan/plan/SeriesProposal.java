package org.ketaplan.plan;

import java.util.List;

/**
 * The series a patient would get. {@code dayOffsets} spaces the sessions from the first one (day 0); the
 * plan dates them from asOf + 1 only when triage is ROUTINE and eligibility ELIGIBLE, and otherwise defers.
 */
public record SeriesProposal(
        SeriesType type,
        int sessions,
        String weeks,
        String perWeek,
        List<Integer> dayOffsets,
        String note) implements PlanItem {
    @Override
    public String text() {
        return note;
    }
}
