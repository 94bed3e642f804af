package org.ketaplan.facts;

public enum HepaticImpairment {
    NONE, CHILD_PUGH_A, CHILD_PUGH_B, CHILD_PUGH_C
}
