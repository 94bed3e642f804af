package org.ketaplan.facts;

public enum Sex {
    FEMALE, MALE, OTHER, UNKNOWN
}
