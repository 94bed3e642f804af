package org.ketaplan.ruleset;

import java.util.Map;
import java.util.Set;

import org.ketaplan.conclusions.FlagCode;

/**
 * The tables of {@code rules/terminology/}: the medication table (generic name in lower case to its classes and,
 * for benzodiazepines, mg of diazepam equivalent to 1 mg of the drug), the FHIR code maps, and the short label of
 * each plan flag and the words for every code (one wording for the web page and the EHR cards).
 */
public record Terminology(Map<String, Entry> medications, Set<String> classes, FhirTerminology fhir,
                          Map<FlagCode, String> flagLabels, Wording wording) {

    public record Entry(String name, Set<String> classes, Double diazepamMgPerMg) {
    }

    public Entry lookup(String name) {
        return name == null ? null : medications.get(name.trim().toLowerCase(java.util.Locale.ROOT));
    }
}
