package org.ketaplan.plan;

public record EsketamineDose(String text) implements PlanItem {
}
