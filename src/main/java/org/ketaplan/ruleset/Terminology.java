package org.ketaplan.ruleset;

import java.util.Map;
import java.util.Set;

/**
 * The tables of {@code rules/terminology/}: the medication table (generic name in lower case to its classes and,
 * for benzodiazepines, mg of diazepam equivalent to 1 mg of the drug) and the FHIR code maps.
 */
public record Terminology(Map<String, Entry> medications, Set<String> classes, FhirTerminology fhir) {

    public record Entry(String name, Set<String> classes, Double diazepamMgPerMg) {
    }

    public Entry lookup(String name) {
        return name == null ? null : medications.get(name.trim().toLowerCase(java.util.Locale.ROOT));
    }
}
