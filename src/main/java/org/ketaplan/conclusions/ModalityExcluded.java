package org.ketaplan.conclusions;

import org.ketaplan.facts.Modality;

/**
 * A modality that must never be proposed, scheduled or offered as an alternative for this patient (e.g.
 * esketamine while breastfeeding, CI-08); the other modality is still judged.
 */
public record ModalityExcluded(Modality modality, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
