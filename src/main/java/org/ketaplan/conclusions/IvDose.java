package org.ketaplan.conclusions;

/** IV ketamine dose on actual body weight. */
public record IvDose(double mgPerKg, int infusionMinutes, double mgActualWeight) implements PlanItem {
    @Override
    public String text() {
        return mgPerKg + " mg/kg over " + infusionMinutes + " min = " + mgActualWeight + " mg on actual weight";
    }
}
