package org.ketaplan.patient;

public enum SudSeverity {
    NONE, MILD, MODERATE, SEVERE
}
