package org.ketaplan.plan;

/** The series a patient would get; the plan defers it when triage or eligibility says not now. */
public record SeriesProposal(SeriesType type, String note) implements PlanItem {
    @Override
    public String text() {
        return note;
    }
}
