package org.ketaplan.facts;

import java.util.Set;

/**
 * A current medication, classified by {@code rules/terminology/medications.csv}.
 * {@code diazepamEquivalentMg} is the daily dose in diazepam equivalents for benzodiazepines with a known
 * dose, otherwise null.
 */
public record Medication(
        int index,
        String name,
        Double dailyDoseMg,
        boolean recognised,
        Set<String> classes,
        Double diazepamEquivalentMg) {
}
