package org.ketaplan.plan;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.Range;
import org.ketaplan.facts.AdverseEvent;
import org.ketaplan.facts.BipolarDisorder;
import org.ketaplan.facts.HepaticImpairment;
import org.ketaplan.facts.Instrument;
import org.ketaplan.facts.Modality;
import org.ketaplan.facts.PregnancyStatus;
import org.ketaplan.facts.PsychoticFeatures;
import org.ketaplan.facts.PtsdStatus;
import org.ketaplan.facts.Reviewer;
import org.ketaplan.facts.Sex;
import org.ketaplan.facts.StepOutcome;
import org.ketaplan.facts.StepType;
import org.ketaplan.facts.SudSeverity;

/**
 * The v1 request (api-contract.md). Every fact is optional: a missing one is unknown, never "no".
 * {@code requestedIvDoseMgPerKg} is an addition to the contract: an IV dose above the studied 0.5 mg/kg that
 * the clinician asks about (clinical-spec DOSE-04). {@code clinicianSteps}, the session records and
 * {@code patient.pregnancyTestDate} are the v1.1 course of care.
 * List sizes are bounded so one request cannot exhaust the engine.
 */
public record PlanRequest(
        LocalDate asOf,
        @Valid PatientInput patient,
        @Valid DiagnosesInput diagnoses,
        @Valid TreatmentHistoryInput treatmentHistory,
        @Size(max = 500) List<@NotNull(message = "must not be null") @Valid AssessmentInput> assessments,
        @Valid SuicideScreenInput suicideScreen,
        @Size(max = 200) List<@NotNull(message = "must not be null") @Valid VitalsInput> vitals,
        @Valid MedicalHistoryInput medicalHistory,
        @Valid SubstanceUseInput substanceUse,
        @Size(max = 100) List<@NotNull(message = "must not be null") @Valid MedicationInput> medications,
        @Valid SettingInput setting,
        Modality preferredModality,
        @Valid CourseInput course,
        @DecimalMin(value = "0.05", message = "must be between 0.05 and 2.0")
        @DecimalMax(value = "2.0", message = "must be between 0.05 and 2.0") Double requestedIvDoseMgPerKg,
        @Size(max = 100) List<@NotNull(message = "must not be null") @Valid ClinicianStepInput> clinicianSteps) {

    public record PatientInput(
            @Range(min = 0, max = 120) Integer ageYears,
            Sex sex,
            Boolean childbearingPotential,
            PregnancyStatus pregnancyStatus,
            Boolean breastfeeding,
            @DecimalMin(value = "20", message = "must be between 20 and 400")
            @DecimalMax(value = "400", message = "must be between 20 and 400") Double weightKg,
            @DecimalMin(value = "100", message = "must be between 100 and 250")
            @DecimalMax(value = "250", message = "must be between 100 and 250") Double heightCm,
            LocalDate pregnancyTestDate) {
    }

    public record DiagnosesInput(
            Boolean majorDepressiveDisorder,
            PtsdStatus ptsd,
            BipolarDisorder bipolarDisorder,
            Boolean currentManicHypomanicOrMixedEpisode,
            Boolean priorManicOrHypomanicEpisode,
            PsychoticFeatures psychoticFeatures,
            Boolean primaryPsychoticDisorder) {
    }

    public record TreatmentHistoryInput(
            @Range(min = 0, max = 50) Integer adequateAntidepressantTrials,
            Boolean traumaFocusedPsychotherapyCompleted,
            @Range(min = 0, max = 50) Integer adequatePtsdMedicationTrials,
            Boolean depressionPsychotherapyCompleted,
            @Size(max = 50) List<@NotNull(message = "must not be null") @Valid AntidepressantTrialInput> antidepressantTrials) {

        public TreatmentHistoryInput(Integer adequateAntidepressantTrials, Boolean traumaFocusedPsychotherapyCompleted,
                                     Integer adequatePtsdMedicationTrials, Boolean depressionPsychotherapyCompleted) {
            this(adequateAntidepressantTrials, traumaFocusedPsychotherapyCompleted, adequatePtsdMedicationTrials,
                    depressionPsychotherapyCompleted, null);
        }
    }

    /**
     * An antidepressant taken in this episode (v1.1), as a record shows it: the rules judge whether it was adequate
     * (DX-02). No end date: still taken on {@code asOf}.
     */
    public record AntidepressantTrialInput(
            @NotBlank(message = "drug is required") @Size(max = 100) String drug,
            @DecimalMin(value = "0", message = "must be between 0 and 100000")
            @DecimalMax(value = "100000", message = "must be between 0 and 100000") Double dailyDoseMg,
            @NotNull(message = "startDate is required") LocalDate startDate,
            LocalDate endDate) {
    }

    /** The score range depends on the instrument and is checked in {@link RequestReader}. */
    public record AssessmentInput(
            @NotNull(message = "instrument is required") Instrument instrument,
            @NotNull(message = "score is required") Integer score,
            @NotNull(message = "date is required") LocalDate date) {
    }

    /** C-SSRS screener; {@code suicidalBehaviorMonthsAgo: null} means "never", an absent key means unknown. */
    public record SuicideScreenInput(
            @NotNull(message = "date is required") LocalDate date,
            Boolean wishToBeDead,
            Boolean nonSpecificActiveThoughts,
            Boolean methodWithoutIntent,
            Boolean intentWithoutPlan,
            Boolean intentWithPlan,
            @Range(min = 0, max = 1200) Integer suicidalBehaviorMonthsAgo,
            Boolean imminentDanger) {
    }

    public record VitalsInput(
            @NotNull(message = "date is required") LocalDate date,
            @Range(min = 50, max = 300) Integer systolic,
            @Range(min = 20, max = 200) Integer diastolic,
            @Range(min = 20, max = 250) Integer heartRate,
            @Range(min = 50, max = 100) Integer spo2) {
    }

    public record MedicalHistoryInput(
            Boolean aneurysmalVascularDisease,
            Boolean arteriovenousMalformation,
            Boolean intracerebralHemorrhage,
            Boolean elevatedIntracranialPressure,
            Boolean recentStrokeOrBrainInjury,
            Boolean unstableCardiacDisease,
            Boolean stableCoronaryDisease,
            Boolean hypertension,
            Boolean hypertensiveEncephalopathy,
            HepaticImpairment hepaticImpairment,
            Boolean preeclampsia,
            Boolean uncontrolledHyperthyroidism,
            Boolean interstitialCystitis,
            Boolean ketamineHypersensitivity) {
    }

    public record SubstanceUseInput(
            SudSeverity activeDisorderSeverity,
            @Size(max = 30) List<@NotBlank(message = "must not be blank") @Size(max = 60) String> substances,
            Boolean pastDisorder,
            @Range(min = 0, max = 1200) Integer remissionMonths,
            Boolean priorKetamineMisuse) {
    }

    public record MedicationInput(
            @NotBlank(message = "name is required") @Size(max = 100) String name,
            @DecimalMin(value = "0", message = "must be between 0 and 100000")
            @DecimalMax(value = "100000", message = "must be between 0 and 100000") Double dailyDoseMg) {
    }

    public record SettingInput(Boolean ivKetamineCapable, Boolean esketamineRemsCertified) {
    }

    public record CourseInput(
            Modality modality,
            @Size(max = 200) List<@NotNull(message = "must not be null") @Valid SessionInput> sessions,
            LocalDate plannedFirstSession) {
    }

    /** A session given (api-contract v1.1): only the date is required; the rest is what its record holds. */
    public record SessionInput(
            @NotNull(message = "date is required") LocalDate date,
            Modality modality,
            @DecimalMin(value = "0", message = "must be between 0 and 200")
            @DecimalMax(value = "200", message = "must be between 0 and 200") Double doseMg,
            @Valid SessionVitalsInput vitalsBefore,
            @Valid SessionVitalsInput vitalsAt40Min,
            @Valid SessionVitalsInput vitalsDischarge,
            @Range(min = 50, max = 100) Integer lowestSpo2,
            @Range(min = 0, max = 92) Integer cadss,
            @Range(min = 0, max = 5) Integer moaas,
            @Size(max = 11) List<@NotNull(message = "must not be null") AdverseEvent> adverseEvents,
            @Range(min = 0, max = 1440) Integer observedMinutes,
            @Range(min = 0, max = 1440) Integer readyToLeaveMinutes) {

        /** A session known only by its date, as in v1. */
        public SessionInput(LocalDate date) {
            this(date, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** Like a {@code vitals[]} entry, without the date (the session's). */
    public record SessionVitalsInput(
            @Range(min = 50, max = 300) Integer systolic,
            @Range(min = 20, max = 200) Integer diastolic,
            @Range(min = 20, max = 250) Integer heartRate,
            @Range(min = 50, max = 100) Integer spo2) {
    }

    /**
     * A clinician's step (api-contract v1.1). The outcome must belong to the type and a CLEARANCE needs its
     * reviewer; a NOT_CLEARED clearance also names the modality it refuses (this service's addition, so that the
     * other modality can still be judged). Checked in {@link RequestReader}.
     */
    public record ClinicianStepInput(
            @NotNull(message = "type is required") StepType type,
            @NotNull(message = "date is required") LocalDate date,
            @NotNull(message = "outcome is required") StepOutcome outcome,
            Reviewer reviewer,
            @Pattern(regexp = "[A-Z]{2,5}-\\d{2}[a-z]?", message = "must be a rule ID such as RC-01 or CI-08b")
            String ruleId,
            Modality modality) {
    }
}
