package org.ketaplan.plan;

public enum SeverityLevel {
    UNKNOWN, NONE, MILD, MODERATE, MODERATELY_SEVERE, SEVERE
}
