package org.ketaplan.ruleset;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ketaplan.conclusions.FlagCode;

/**
 * The tables of {@code rules/terminology/}: the medication table (generic name in lower case to its classes and,
 * for benzodiazepines, mg of diazepam equivalent to 1 mg of the drug), the FHIR code maps, and the short label of
 * each plan flag and the words for every code (one wording for the web page and the EHR cards).
 */
public record Terminology(Map<String, Entry> medications, Set<String> classes, FhirTerminology fhir,
                          Map<FlagCode, String> flagLabels, Wording wording, List<CollectionStep> collectionSteps,
                          List<Skip> skips) {

    /**
     * One row of the intake's skip logic ({@code terminology/skip-logic.csv}): {@code fact} is asked when the field
     * {@code when} has one of {@code values} ({@code noneOf} false) or none of them ({@code noneOf} true); a fact with
     * several rows is asked when any of them holds. {@code at}: the file and line, for the gate's messages.
     */
    public record Skip(String fact, String when, boolean noneOf, List<String> values, String notAsked, String at) {
    }

    /** A step a clinician takes to collect the missing facts whose path starts with {@code fact}. */
    public record CollectionStep(String fact, String step, int order) {

        /** "medicalHistory" covers medicalHistory.hypertension; "vitals" covers vitals[].heartRate. */
        public boolean covers(String missingFact) {
            return missingFact.equals(fact) || missingFact.startsWith(fact + ".") || missingFact.startsWith(fact + "[")
                    || missingFact.startsWith(fact + " ");
        }
    }

    /** The step that collects a missing fact: the longest matching prefix, or a step named by the fact itself. */
    public CollectionStep stepFor(String missingFact) {
        CollectionStep best = null;
        for (CollectionStep s : collectionSteps) {
            if (s.covers(missingFact) && (best == null || s.fact().length() > best.fact().length())) {
                best = s;
            }
        }
        return best != null ? best : new CollectionStep(missingFact, missingFact, Integer.MAX_VALUE);
    }

    /** {@code adequateDailyMg}: for an antidepressant, the lowest daily dose of a trial that counts (DX-02). */
    public record Entry(String name, Set<String> classes, Double diazepamMgPerMg, Double adequateDailyMg) {
    }

    public Entry lookup(String name) {
        return name == null ? null : medications.get(name.trim().toLowerCase(java.util.Locale.ROOT));
    }
}
