package org.ketaplan.facts;

public enum SudSeverity {
    NONE, MILD, MODERATE, SEVERE
}
