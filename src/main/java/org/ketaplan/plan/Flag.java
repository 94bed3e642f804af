package org.ketaplan.plan;

public record Flag(FlagCode code, String detail) implements PlanItem {
    @Override
    public String text() {
        return detail;
    }
}
