package org.ketaplan.patient;

public enum Sex {
    FEMALE, MALE, OTHER, UNKNOWN
}
