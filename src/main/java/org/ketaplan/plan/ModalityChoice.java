package org.ketaplan.plan;

import org.ketaplan.patient.Modality;

/** The modality the plan is built on. */
public record ModalityChoice(Modality modality, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
