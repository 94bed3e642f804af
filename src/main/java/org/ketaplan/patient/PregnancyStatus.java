package org.ketaplan.patient;

public enum PregnancyStatus {
    POSITIVE, NEGATIVE, UNKNOWN, NOT_APPLICABLE
}
