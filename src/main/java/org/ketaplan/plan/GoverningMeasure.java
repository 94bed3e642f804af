package org.ketaplan.plan;

import org.ketaplan.patient.Instrument;

/** The depression instrument whose change decides response (clinician-rated MADRS first). */
public record GoverningMeasure(Instrument instrument, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
