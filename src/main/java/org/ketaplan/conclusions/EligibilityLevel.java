package org.ketaplan.conclusions;

/** Declared from least to most restrictive: the plan keeps the highest ordinal any rule produced. */
public enum EligibilityLevel {
    ELIGIBLE, NEEDS_CLEARANCE, INSUFFICIENT_DATA, NOT_INDICATED, INELIGIBLE
}
