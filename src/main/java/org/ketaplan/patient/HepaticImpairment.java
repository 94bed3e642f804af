package org.ketaplan.patient;

public enum HepaticImpairment {
    NONE, CHILD_PUGH_A, CHILD_PUGH_B, CHILD_PUGH_C
}
