package org.ketaplan.conclusions;

public record Flag(FlagCode code, String detail) implements PlanItem {
    @Override
    public String text() {
        return detail;
    }
}
