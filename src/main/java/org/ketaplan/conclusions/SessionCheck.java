package org.ketaplan.conclusions;

/** Something to do or confirm before dosing at the next session; listed under {@code nextSession.checks}. */
public record SessionCheck(String check) implements PlanItem {
    @Override
    public String text() {
        return check;
    }
}
