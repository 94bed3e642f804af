package org.ketaplan.plan;

public record Adjunct(AdjunctType type, String detail) implements PlanItem {
    @Override
    public String text() {
        return detail;
    }
}
