package org.ketaplan.patient;

public record TreatmentHistory(
        Integer adequateAntidepressantTrials,
        Boolean traumaFocusedPsychotherapyCompleted,
        Integer adequatePtsdMedicationTrials,
        Boolean depressionPsychotherapyCompleted) {
}
