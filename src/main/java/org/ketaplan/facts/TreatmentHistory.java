package org.ketaplan.facts;

public record TreatmentHistory(
        Integer adequateAntidepressantTrials,
        Boolean traumaFocusedPsychotherapyCompleted,
        Integer adequatePtsdMedicationTrials,
        Boolean depressionPsychotherapyCompleted) {
}
