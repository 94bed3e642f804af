package org.ketaplan.patient;

public enum PtsdStatus {
    NONE, PROBABLE, CONFIRMED
}
