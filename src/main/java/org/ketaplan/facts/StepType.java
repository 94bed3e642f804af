package org.ketaplan.facts;

import java.util.Set;

/** A step a clinician took that rules wait for (clinical-spec 17.2), with the outcomes each may have. */
public enum StepType {
    CLEARANCE(Set.of(StepOutcome.CLEARED, StepOutcome.NOT_CLEARED)),
    SUICIDE_RISK_ASSESSMENT(Set.of(StepOutcome.SAFE_TO_PROCEED, StepOutcome.NOT_SAFE)),
    EMERGENCY_EVALUATION(Set.of(StepOutcome.OUTPATIENT_OK, StepOutcome.MANAGED_IN_SETTING, StepOutcome.ADMITTED)),
    INFORMED_CONSENT(Set.of(StepOutcome.SIGNED, StepOutcome.DECLINED)),
    REMS_ENROLMENT(Set.of(StepOutcome.ENROLLED));

    private final Set<StepOutcome> outcomes;

    StepType(Set<StepOutcome> outcomes) {
        this.outcomes = outcomes;
    }

    public Set<StepOutcome> outcomes() {
        return outcomes;
    }
}
