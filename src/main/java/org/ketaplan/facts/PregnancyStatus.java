package org.ketaplan.facts;

public enum PregnancyStatus {
    POSITIVE, NEGATIVE, UNKNOWN, NOT_APPLICABLE
}
