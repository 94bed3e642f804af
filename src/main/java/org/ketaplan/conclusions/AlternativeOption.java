package org.ketaplan.conclusions;

import org.ketaplan.facts.Modality;

/** Another modality the clinician may choose instead, for shared decision-making. */
public record AlternativeOption(Modality modality, SeriesType series, String note) implements PlanItem {
    @Override
    public String text() {
        return note;
    }
}
