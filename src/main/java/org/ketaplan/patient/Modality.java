package org.ketaplan.patient;

public enum Modality {
    IV_KETAMINE, ESKETAMINE
}
