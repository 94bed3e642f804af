package org.ketaplan.conclusions;

import org.ketaplan.facts.Instrument;

/**
 * The induction is complete and its governing instrument was scored after the last induction session: the
 * end-of-induction verdict may be given on that instrument (clinical-spec RESP-09).
 */
public record ResponseVerdictDue(Instrument instrument, boolean ptsd, String reason) implements PlanItem {
    @Override
    public String text() {
        return reason;
    }
}
