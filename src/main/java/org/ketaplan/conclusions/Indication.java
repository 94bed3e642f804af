package org.ketaplan.conclusions;

public enum Indication {
    TREATMENT_RESISTANT_DEPRESSION, REFRACTORY_PTSD, DEPRESSION_WITH_ACUTE_SUICIDALITY, NONE
}
