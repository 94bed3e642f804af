package org.ketaplan.facts;

import java.time.LocalDate;

/**
 * A step a clinician recorded: a clearance obtained or refused, a suicide-risk assessment, an emergency evaluation,
 * consent, REMS enrolment. {@code reviewer} and {@code ruleId} say which clearance a CLEARANCE step answers (the
 * rule ID may be null: any clearance by that reviewer); {@code modality} is the one consented to or refused.
 */
public record ClinicianStep(
        int index,
        StepType type,
        LocalDate date,
        long daysBeforeAsOf,
        StepOutcome outcome,
        Reviewer reviewer,
        String ruleId,
        Modality modality) {
}
