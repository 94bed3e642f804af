package org.ketaplan.plan;

public record SuicideRisk(RiskLevel level, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
