package org.ketaplan.conclusions;

/** IV ketamine dose on ideal body weight (Devine), shown beside the actual-weight dose. */
public record IdealWeightDose(double idealBodyWeightKg, double mgIdealWeight) implements PlanItem {
    @Override
    public String text() {
        return mgIdealWeight + " mg on ideal body weight " + idealBodyWeightKg + " kg";
    }
}
