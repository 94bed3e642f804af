package org.ketaplan.conclusions;

/** Whether the depression is treatment-resistant, as decided by the indication rules. */
public record TreatmentResistantDepression(boolean value, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
