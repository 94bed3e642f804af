package org.ketaplan.patient;

/** A configurable number from {@code rules/parameters.csv}, e.g. VITALS_MAX_AGE_DAYS = 30. */
public record Parameter(String name, double value) {
}
