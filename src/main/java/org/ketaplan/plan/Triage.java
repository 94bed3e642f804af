package org.ketaplan.plan;

public record Triage(TriageLevel level, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
