package org.ketaplan.conclusions;

/** Refractory PTSD as the project defines it (clinical-spec DX-08). */
public record RefractoryPtsd(String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
