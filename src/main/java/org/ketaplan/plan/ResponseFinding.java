package org.ketaplan.plan;

public record ResponseFinding(ResponseStatus status, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
