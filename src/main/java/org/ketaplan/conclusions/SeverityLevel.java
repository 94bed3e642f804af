package org.ketaplan.conclusions;

public enum SeverityLevel {
    UNKNOWN, NONE, MILD, MODERATE, MODERATELY_SEVERE, SEVERE
}
