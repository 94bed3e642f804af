package org.ketaplan.facts;

/** The outcome of a clinician step; which belong to which step is {@link StepType#outcomes()}. */
public enum StepOutcome {
    CLEARED, NOT_CLEARED, SAFE_TO_PROCEED, NOT_SAFE, OUTPATIENT_OK, MANAGED_IN_SETTING, ADMITTED, SIGNED, DECLINED,
    ENROLLED
}
