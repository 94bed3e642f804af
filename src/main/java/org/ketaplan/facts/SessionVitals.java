package org.ketaplan.facts;

/** Vital signs at one moment of a session (before dosing, at about 40 minutes, at discharge). */
public record SessionVitals(Integer systolic, Integer diastolic, Integer heartRate, Integer spo2) {
}
