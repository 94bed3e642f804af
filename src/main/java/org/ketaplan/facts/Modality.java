package org.ketaplan.facts;

public enum Modality {
    IV_KETAMINE, ESKETAMINE
}
