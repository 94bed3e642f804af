package org.ketaplan.patient;

public enum BipolarDisorder {
    NONE, BIPOLAR_I, BIPOLAR_II
}
