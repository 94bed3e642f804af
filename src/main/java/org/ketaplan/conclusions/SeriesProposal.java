package org.ketaplan.conclusions;

/**
 * The series a patient would get; the plan dates it (with the {@link SessionSpacing} of its type) only when
 * triage is ROUTINE and eligibility ELIGIBLE, and otherwise defers or withholds it.
 */
public record SeriesProposal(
        SeriesType type,
        int sessions,
        String weeks,
        String perWeek,
        String note) implements PlanItem {
    @Override
    public String text() {
        return note;
    }
}
