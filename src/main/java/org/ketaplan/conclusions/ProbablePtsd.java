package org.ketaplan.conclusions;

/** PTSD probable on the PCL-5 but not confirmed by CAPS-5 or a structured interview. */
public record ProbablePtsd(String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
