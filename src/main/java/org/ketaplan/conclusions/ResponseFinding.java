package org.ketaplan.conclusions;

public record ResponseFinding(ResponseStatus status, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
