package org.ketaplan.plan;

public record IndicationFinding(Indication indication, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
