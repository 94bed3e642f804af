package org.ketaplan.conclusions;

public record IndicationFinding(Indication indication, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
