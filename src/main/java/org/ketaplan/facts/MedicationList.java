package org.ketaplan.facts;

/** Whether a medication list was reported at all: an empty list is "no medications", a missing one is unknown. */
public record MedicationList(boolean reported, int count) {
}
