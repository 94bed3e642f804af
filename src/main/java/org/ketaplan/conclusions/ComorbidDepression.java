package org.ketaplan.conclusions;

public record ComorbidDepression(boolean value, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
