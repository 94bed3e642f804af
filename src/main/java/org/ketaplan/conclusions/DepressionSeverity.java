package org.ketaplan.conclusions;

public record DepressionSeverity(SeverityLevel level, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
