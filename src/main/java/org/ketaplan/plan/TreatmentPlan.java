package org.ketaplan.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.ketaplan.conclusions.AdjunctType;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.Indication;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.conclusions.NeededBy;
import org.ketaplan.conclusions.PsychotherapyType;
import org.ketaplan.conclusions.ResponseStatus;
import org.ketaplan.conclusions.RiskLevel;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.conclusions.SessionDecision;
import org.ketaplan.conclusions.SeverityLevel;
import org.ketaplan.conclusions.TriageLevel;
import org.ketaplan.facts.Reviewer;

/**
 * The v1 plan (api-contract.md). Fields beyond the contract ({@code triageReasons}, {@code eligibilityReasons},
 * {@code flagDetails}, {@code notes}, {@code findings.ptsdResponse}, {@code series.sessionsGiven},
 * {@code maintenance.reviewBy}, {@code dose.idealBodyWeightKg}) only add detail; every item names its rule. The v1.1
 * course of care adds {@code nextSession}, {@code resolvedClearances}, {@code remsForms} and
 * {@code missingData[].neededBy}; {@code openSteps} groups what is missing into the steps a clinician takes.
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
        NextSession nextSession,
        List<OpenStep> openSteps,
        List<ResolvedClearance> resolvedClearances,
        List<RemsForm> remsForms,
        List<RationaleItem> rationale,
        String disclaimer) {

    /** How the page, the card and the FHIR plan name a triage that no screen has judged. */
    public static final String UNASSESSED_TRIAGE = "C-SSRS needed (not yet assessed)";

    /**
     * ROUTINE is also what a plan says when no recent, complete screen has judged the risk (RISK-01e: UNKNOWN): such a
     * triage is shown as unassessed, never as routine. Not a field of the plan: the plan already says both halves.
     */
    public boolean triageUnassessed() {
        return triage == TriageLevel.ROUTINE && findings != null && findings.suicideRisk() == RiskLevel.UNKNOWN;
    }

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

    public record MissingItem(String fact, String reason, String ruleId, NeededBy neededBy) {
    }

    /**
     * The next session (api-contract v1.1): its date and GO, HOLD, NOT_DUE or NONE, every reason it is held and the
     * checks to do before dosing.
     */
    public record NextSession(LocalDate date, SessionDecision decision, List<Reason> reasons, List<Check> checks) {
    }

    public record Check(String check, String ruleId) {
    }

    /**
     * What is still missing, as the steps a clinician takes (rules/terminology/collection-steps.csv), most urgent
     * first: {@code neededBy} is the most urgent of its facts, {@code facts} their request paths.
     */
    public record OpenStep(String step, NeededBy neededBy, List<String> facts) {
    }

    public record ResolvedClearance(Reviewer reviewer, String ruleId, LocalDate date) {
    }

    /** An esketamine session whose REMS Patient Monitoring Form lacks fields, due 7 days after the session. */
    public record RemsForm(LocalDate sessionDate, LocalDate dueBy, List<String> missing) {
    }

    /** {@code label}: the flag's short wording from rules/terminology/flag-labels.csv. */
    public record FlagItem(FlagCode flag, String label, String detail, String ruleId) {
    }

    public record RationaleItem(String ruleId, String rule, String strength, String statement, List<String> sources,
                                String category) {
    }
}
