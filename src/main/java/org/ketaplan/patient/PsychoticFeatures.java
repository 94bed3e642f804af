package org.ketaplan.patient;

public enum PsychoticFeatures {
    NONE, PAST, CURRENT
}
