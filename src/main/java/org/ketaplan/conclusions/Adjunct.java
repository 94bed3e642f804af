package org.ketaplan.conclusions;

public record Adjunct(AdjunctType type, String detail) implements PlanItem {
    @Override
    public String text() {
        return detail;
    }
}
