package org.ketaplan.facts;

/** What the patient and clinician would prefer; null when no preference was given. */
public record Preference(Modality preferredModality) {
}
