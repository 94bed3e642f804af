package org.ketaplan.conclusions;

public record Triage(TriageLevel level, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
