package org.ketaplan.facts;

public enum PsychoticFeatures {
    NONE, PAST, CURRENT
}
