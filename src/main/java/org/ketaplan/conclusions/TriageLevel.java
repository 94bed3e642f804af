package org.ketaplan.conclusions;

/** Declared from least to most urgent: the plan keeps the most urgent. */
public enum TriageLevel {
    ROUTINE, URGENT_SAME_DAY_ASSESSMENT, EMERGENCY_REFERRAL
}
