package org.ketaplan.plan;

public record Monitoring(String text) implements PlanItem {
}
