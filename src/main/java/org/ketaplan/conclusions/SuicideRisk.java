package org.ketaplan.conclusions;

public record SuicideRisk(RiskLevel level, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
