package org.ketaplan.conclusions;

/** Advice for the clinician that is neither a flag nor a plan item of its own (e.g. next treatment step). */
public record Note(String text) implements PlanItem {
}
