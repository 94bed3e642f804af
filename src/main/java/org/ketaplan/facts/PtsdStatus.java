package org.ketaplan.facts;

public enum PtsdStatus {
    NONE, PROBABLE, CONFIRMED
}
