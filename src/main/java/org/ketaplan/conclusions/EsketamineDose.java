package org.ketaplan.conclusions;

public record EsketamineDose(String text) implements PlanItem {
}
