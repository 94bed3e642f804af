package org.ketaplan.conclusions;

/** Something a rule puts into the plan. Its text becomes the rule's statement in the rationale. */
public interface PlanItem {
    String text();
}
