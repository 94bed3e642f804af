package org.ketaplan.engine;

import java.util.Map;
import java.util.Set;

/**
 * The medication table from {@code rules/terminology/medications.csv}: generic name (lower case) to its
 * classes and, for benzodiazepines, mg of diazepam equivalent to 1 mg of the drug.
 */
public record Terminology(Map<String, Entry> medications, Set<String> classes) {

    public record Entry(String name, Set<String> classes, Double diazepamMgPerMg) {
    }

    public Entry lookup(String name) {
        return name == null ? null : medications.get(name.trim().toLowerCase(java.util.Locale.ROOT));
    }
}
