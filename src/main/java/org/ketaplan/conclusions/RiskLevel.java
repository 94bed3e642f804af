package org.ketaplan.conclusions;

/** Declared from least to most severe: the plan keeps the most severe. */
public enum RiskLevel {
    UNKNOWN, LOW, MODERATE, HIGH, IMMINENT
}
