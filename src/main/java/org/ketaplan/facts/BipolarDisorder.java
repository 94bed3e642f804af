package org.ketaplan.facts;

public enum BipolarDisorder {
    NONE, BIPOLAR_I, BIPOLAR_II
}
