package org.ketaplan.conclusions;

public enum PsychotherapyType {
    TRAUMA_FOCUSED, DEPRESSION_EBP, SAFETY_PLAN, CBT_TO_SUSTAIN_RESPONSE, SUD_TREATMENT
}
