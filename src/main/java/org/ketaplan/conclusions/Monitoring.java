package org.ketaplan.conclusions;

public record Monitoring(String text) implements PlanItem {
}
