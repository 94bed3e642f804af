package org.ketaplan.conclusions;

import org.ketaplan.facts.Instrument;

/**
 * The instrument whose change decides response: a depression scale (clinician-rated MADRS first, RESP-08)
 * or, for the PTSD series, a PTSD scale ({@code ptsd = true}: CAPS-5 first, then PCL-5; PTSD-01).
 */
public record GoverningMeasure(Instrument instrument, boolean ptsd, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
