package org.ketaplan.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.ketaplan.conclusions.AdjunctType;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.Indication;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.conclusions.PsychotherapyType;
import org.ketaplan.conclusions.ResponseStatus;
import org.ketaplan.facts.Reviewer;
import org.ketaplan.conclusions.RiskLevel;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.conclusions.SeverityLevel;
import org.ketaplan.conclusions.TriageLevel;

/**
 * The v1 plan (api-contract.md). Fields beyond the contract ({@code triageReasons}, {@code eligibilityReasons},
 * {@code flagDetails}, {@code notes}, {@code findings.ptsdResponse}, {@code series.sessionsGiven},
 * {@code maintenance.reviewBy}, {@code dose.idealBodyWeightKg}) only add detail; every item names its rule.
 */
public record TreatmentPlan(
        String planId,
        LocalDate asOf,
        Ruleset ruleset,
        TriageLevel triage,
        List<Reason> triageReasons,
        EligibilityLevel eligibility,
        List<EligibilityReason> eligibilityReasons,
        Indication indication,
        Findings findings,
        Series series,
        List<Alternative> alternatives,
        Maintenance maintenance,
        List<PsychotherapyItem> psychotherapy,
        List<AdjunctItem> adjuncts,
        List<MonitoringItem> monitoring,
        List<ClearanceItem> clearances,
        List<MissingItem> missingData,
        List<FlagCode> flags,
        List<FlagItem> flagDetails,
        List<Reason> notes,
        List<RationaleItem> rationale,
        String disclaimer) {

    public record Ruleset(String version, Instant loadedAt) {
    }

    public record Reason(String text, String ruleId) {
    }

    public record EligibilityReason(EligibilityLevel level, String text, String ruleId) {
    }

    public record Findings(
            Boolean treatmentResistantDepression,
            Boolean refractoryPtsd,
            Boolean probablePtsd,
            Boolean comorbidDepression,
            SeverityLevel depressionSeverity,
            RiskLevel suicideRisk,
            ResponseStatus responseStatus,
            List<String> ptsdResponse) {
    }

    public record Series(
            SeriesType type,
            SeriesType proposedType,
            Integer sessions,
            String weeks,
            String perWeek,
            Integer sessionsGiven,
            Dose dose,
            List<LocalDate> schedule,
            String note,
            String ruleId) {
    }

    public record Dose(Double mgPerKg, Integer infusionMinutes, Double mgActualWeight, Double mgIdealWeight,
                       Double idealBodyWeightKg, String esketamine) {
    }

    public record Alternative(String modality, SeriesType series, String note, String ruleId) {
    }

    public record Maintenance(MaintenanceType type, String detail, LocalDate reviewBy, String ruleId) {
    }

    public record PsychotherapyItem(PsychotherapyType type, List<String> options, String detail, String ruleId) {
    }

    public record AdjunctItem(AdjunctType type, String detail, String ruleId) {
    }

    public record MonitoringItem(String text, String ruleId) {
    }

    public record ClearanceItem(Reviewer reviewer, String reason, String ruleId) {
    }

    public record MissingItem(String fact, String reason, String ruleId) {
    }

    /** {@code label}: the flag's short wording from rules/terminology/flag-labels.csv. */
    public record FlagItem(FlagCode flag, String label, String detail, String ruleId) {
    }

    public record RationaleItem(String ruleId, String rule, String strength, String statement, List<String> sources,
                                String category) {
    }
}
