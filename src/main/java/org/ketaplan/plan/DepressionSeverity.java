package org.ketaplan.plan;

public record DepressionSeverity(SeverityLevel level, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
