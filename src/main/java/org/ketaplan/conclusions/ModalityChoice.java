package org.ketaplan.conclusions;

import org.ketaplan.facts.Modality;

/** The modality the plan is built on. */
public record ModalityChoice(Modality modality, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
