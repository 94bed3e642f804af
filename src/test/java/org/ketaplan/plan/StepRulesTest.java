package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;

import java.time.LocalDate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.PsychotherapyType;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.conclusions.SessionDecision;
import org.ketaplan.conclusions.TriageLevel;
import org.ketaplan.facts.Reviewer;

/**
 * The rules of {@code rules/ketamine/steps.drl} on the real rule set (clinical-spec 17.2): what a recorded clearance,
 * suicide-risk assessment, emergency evaluation, consent and REMS enrolment change, each date below, at and above its
 * limit. The plan date is 2026-11-21.
 */
class StepRulesTest {

    private static Requests step(Requests r, int index, String json) {
        return index == 0 ? r.setJson("clinicianSteps", "[" + json + "]")
                : r.setJson("clinicianSteps[" + index + "]", json);
    }

    private static String clearance(String reviewer, String date, String outcome, String extra) {
        return "{\"type\":\"CLEARANCE\",\"reviewer\":\"" + reviewer + "\",\"date\":\"" + date + "\",\"outcome\":\""
                + outcome + "\"" + extra + "}";
    }

    private static String assessment(String date, String outcome) {
        return "{\"type\":\"SUICIDE_RISK_ASSESSMENT\",\"date\":\"" + date + "\",\"outcome\":\"" + outcome + "\"}";
    }

    /** BP 141/90: RC-01 asks for a primary-care clearance. */
    private static Requests needsPrimaryCareClearance() {
        return Requests.complete().set("vitals[0].systolic", 141);
    }

    @Nested
    class Clearances {

        /** Prior ketamine misuse: RC-08 asks addiction medicine, for a finding that has no date of its own. */
        private static Requests needsAddictionMedicineClearance() {
            return Requests.complete().set("substanceUse.priorKetamineMisuse", true);
        }

        @ParameterizedTest(name = "cleared on {0}: resolved {1}")
        @CsvSource({"2026-08-24, true", "2026-08-23, true", "2026-08-22, false"})
        void aRecentClearanceResolvesTheOneThePlanAsksFor(String date, boolean resolved) {
            TreatmentPlan p = plan(step(needsAddictionMedicineClearance(), 0,
                    clearance("ADDICTION_MEDICINE", date, "CLEARED", "")));
            assertThat(p.eligibility()).isEqualTo(resolved ? EligibilityLevel.ELIGIBLE : EligibilityLevel.NEEDS_CLEARANCE);
            assertThat(p.resolvedClearances().isEmpty()).isEqualTo(!resolved);
            if (resolved) {
                assertThat(p.resolvedClearances()).containsExactly(
                        new TreatmentPlan.ResolvedClearance(Reviewer.ADDICTION_MEDICINE, "RC-08", LocalDate.parse(date)));
                assertThat(p.clearances()).isEmpty();
            }
        }

        @ParameterizedTest(name = "cleared by {0} for {1}: resolved {2}")
        @CsvSource({"PRIMARY_CARE, RC-01, true", "PRIMARY_CARE, RC-05, false", "CARDIOLOGY, RC-01, false",
                "CARDIOLOGY, '', false"})
        void theClearanceMustBeTheOneAskedFor(String reviewer, String ruleId, boolean resolved) {
            String extra = ruleId == null || ruleId.isEmpty() ? "" : ",\"ruleId\":\"" + ruleId + "\"";
            TreatmentPlan p = plan(step(needsPrimaryCareClearance(), 0,
                    clearance(reviewer, "2026-11-20", "CLEARED", extra)));
            assertThat(p.eligibility()).isEqualTo(resolved ? EligibilityLevel.ELIGIBLE : EligibilityLevel.NEEDS_CLEARANCE);
        }

        /** STEP-01 (19.2): the reading of 2026-11-20 is newer than a clearance of the day before. */
        @ParameterizedTest(name = "cleared on {0}, reading of 2026-11-20: resolved {1}")
        @CsvSource({"2026-11-19, false", "2026-11-20, true", "2026-11-21, true"})
        void aClearanceAnswersOnlyAFindingDatedOnOrBeforeIt(String date, boolean resolved) {
            TreatmentPlan p = plan(step(needsPrimaryCareClearance(), 0, clearance("PRIMARY_CARE", date, "CLEARED", "")));
            assertThat(p.eligibility()).isEqualTo(resolved ? EligibilityLevel.ELIGIBLE : EligibilityLevel.NEEDS_CLEARANCE);
        }

        @Test
        void aClearanceNoOneAskedForChangesNothing() {
            TreatmentPlan p = plan(step(Requests.complete(), 0, clearance("PRIMARY_CARE", "2026-11-19", "CLEARED", "")));
            assertThat(ruleIds(p)).doesNotContain("STEP-01");
            assertThat(p.resolvedClearances()).isEmpty();
        }

        @Test
        void ivNotClearedLeavesEsketamine() {
            TreatmentPlan p = plan(step(Requests.complete(), 0,
                    clearance("PRIMARY_CARE", "2026-11-19", "NOT_CLEARED", ",\"modality\":\"IV_KETAMINE\"")));
            assertThat(ruleIds(p)).contains("STEP-02a", "STEP-02b").doesNotContain("MOD-02a", "STEP-02c");
            assertThat(p.series().type()).isEqualTo(SeriesType.ESKETAMINE_INDUCTION);
        }

        @Test
        void ivNotClearedAtASiteWithoutEsketamineIsIneligible() {
            TreatmentPlan p = plan(step(Requests.complete().set("setting.esketamineRemsCertified", false), 0,
                    clearance("PRIMARY_CARE", "2026-11-19", "NOT_CLEARED", ",\"modality\":\"IV_KETAMINE\"")));
            assertThat(ruleIds(p)).contains("STEP-02c");
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
        }

        @Test
        void aLaterClearanceReplacesARefusal() {
            Requests r = step(Requests.complete(), 0,
                    clearance("PRIMARY_CARE", "2026-11-10", "NOT_CLEARED", ",\"modality\":\"IV_KETAMINE\""));
            TreatmentPlan p = plan(step(r, 1, clearance("PRIMARY_CARE", "2026-11-19", "CLEARED", "")));
            assertThat(ruleIds(p)).doesNotContain("STEP-02a");
            assertThat(p.series().type()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
        }
    }

    @Nested
    class SuicideRiskAssessment {

        @ParameterizedTest(name = "method without intent on 2026-11-20, assessed {0} on {1}: triage {2}")
        @CsvSource({"SAFE_TO_PROCEED, 2026-11-19, URGENT_SAME_DAY_ASSESSMENT", "SAFE_TO_PROCEED, 2026-11-20, ROUTINE",
                "SAFE_TO_PROCEED, 2026-11-21, ROUTINE", "NOT_SAFE, 2026-11-20, EMERGENCY_REFERRAL"})
        void anAssessmentOnOrAfterTheTriggerDecides(String outcome, String date, TriageLevel triage) {
            TreatmentPlan p = plan(step(Requests.complete().set("suicideScreen.methodWithoutIntent", true), 0,
                    assessment(date, outcome)));
            assertThat(p.triage()).isEqualTo(triage);
            if (triage == TriageLevel.ROUTINE) {
                assertThat(ruleIds(p)).contains("STEP-03a").doesNotContain("SUI-03a");
                assertThat(p.psychotherapy()).extracting(TreatmentPlan.PsychotherapyItem::type)
                        .contains(PsychotherapyType.SAFETY_PLAN);
            }
        }

        @ParameterizedTest(name = "PHQ-9 item 9 positive on 2026-11-20, assessed on {0}: triage {1}")
        @CsvSource({"2026-11-19, URGENT_SAME_DAY_ASSESSMENT", "2026-11-20, ROUTINE"})
        void anAssessmentCoversAPositiveItem9(String date, TriageLevel triage) {
            TreatmentPlan p = plan(step(Requests.complete().set("assessments[1].score", 1)
                    .set("suicideScreen.date", "2026-11-10"), 0, assessment(date, "SAFE_TO_PROCEED")));
            assertThat(p.triage()).isEqualTo(triage);
            assertThat(ruleIds(p).contains("SUI-05")).isEqualTo(triage != TriageLevel.ROUTINE);
        }

        @Test
        void aNewerNotSafeOutweighsAnOlderSafe() {
            Requests r = step(Requests.complete(), 0, assessment("2026-11-18", "SAFE_TO_PROCEED"));
            TreatmentPlan p = plan(step(r, 1, assessment("2026-11-20", "NOT_SAFE")));
            assertThat(p.triage()).isEqualTo(TriageLevel.EMERGENCY_REFERRAL);
            assertThat(ruleIds(p)).contains("STEP-03c");
        }

        @ParameterizedTest(name = "behaviour {0} months ago, wish to be dead {1}, assessed on {2}: triage {3}")
        @CsvSource({"13, false, 2026-06-01, ROUTINE", "12, false, 2026-06-01, URGENT_SAME_DAY_ASSESSMENT",
                "13, true, 2026-06-01, URGENT_SAME_DAY_ASSESSMENT", "13, false, 2025-09-01, URGENT_SAME_DAY_ASSESSMENT"})
        void anOldAttemptAssessedSinceIsRoutine(int months, boolean wish, String assessed, TriageLevel triage) {
            TreatmentPlan p = plan(step(Requests.complete().set("suicideScreen.suicidalBehaviorMonthsAgo", months)
                    .set("suicideScreen.wishToBeDead", wish), 0, assessment(assessed, "SAFE_TO_PROCEED")));
            assertThat(p.triage()).isEqualTo(triage);
            assertThat(ruleIds(p).contains("STEP-04")).isEqualTo(triage == TriageLevel.ROUTINE);
        }
    }

    @Nested
    class EmergencyEvaluation {

        private static Requests acute(String screened, String evaluated, String outcome) {
            return step(Requests.complete().set("suicideScreen.intentWithoutPlan", true)
                    .set("suicideScreen.date", screened), 0, "{\"type\":\"EMERGENCY_EVALUATION\",\"date\":\""
                    + evaluated + "\",\"outcome\":\"" + outcome + "\"}");
        }

        @ParameterizedTest(name = "screened and evaluated ({1}) on {0}: triage {2}")
        @CsvSource({"2026-11-15, OUTPATIENT_OK, ROUTINE", "2026-11-14, MANAGED_IN_SETTING, ROUTINE",
                "2026-11-13, OUTPATIENT_OK, EMERGENCY_REFERRAL", "2026-11-20, ADMITTED, EMERGENCY_REFERRAL"})
        void aRecentOutpatientEvaluationOpensTheEsketamineCourse(String date, String outcome, TriageLevel triage) {
            TreatmentPlan p = plan(acute(date, date, outcome));
            assertThat(p.triage()).isEqualTo(triage);
            if (triage == TriageLevel.ROUTINE) {
                assertThat(p.series().type()).isEqualTo(SeriesType.ESKETAMINE_MDSI_COURSE);
                assertThat(p.series().schedule()).hasSize(8).first().isEqualTo(LocalDate.parse("2026-11-22"));
                assertThat(ruleIds(p)).contains("STEP-05a", "SCH-01d").doesNotContain("SUI-01a");
            }
        }

        @Test
        void anEvaluationBeforeANewerScreenDoesNotAnswerIt() {
            TreatmentPlan p = plan(acute("2026-11-20", "2026-11-19", "OUTPATIENT_OK"));
            assertThat(p.triage()).isEqualTo(TriageLevel.EMERGENCY_REFERRAL);
        }

        @Test
        void theCourseNeedsAnOralAntidepressant() {
            TreatmentPlan p = plan(acute("2026-11-20", "2026-11-20", "OUTPATIENT_OK").setJson("medications", "[]"));
            assertThat(p.nextSession().reasons()).extracting(TreatmentPlan.Reason::ruleId).contains("STEP-05b");
        }

        @Test
        void theCourseNeedsARemsCertifiedSite() {
            TreatmentPlan p = plan(acute("2026-11-20", "2026-11-20", "OUTPATIENT_OK")
                    .set("setting.esketamineRemsCertified", false));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
            assertThat(ruleIds(p)).contains("STEP-05c");
        }
    }

    @Nested
    class FirstSession {

        private static String consent(String modality) {
            return "{\"type\":\"INFORMED_CONSENT\",\"modality\":\"" + modality
                    + "\",\"date\":\"2026-11-20\",\"outcome\":\"SIGNED\"}";
        }

        @Test
        void withoutConsentTheFirstSessionIsHeld() {
            TreatmentPlan p = plan(Requests.complete());
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.HOLD);
            assertThat(p.nextSession().reasons()).extracting(TreatmentPlan.Reason::ruleId).contains("STEP-06a");
        }

        @ParameterizedTest(name = "consent for {0}: held {1}")
        @CsvSource({"IV_KETAMINE, false", "ESKETAMINE, true"})
        void consentIsForTheModality(String modality, boolean held) {
            TreatmentPlan p = plan(step(Requests.complete(), 0, consent(modality)));
            assertThat(p.nextSession().decision()).isEqualTo(held ? SessionDecision.HOLD : SessionDecision.NOT_DUE);
        }

        @Test
        void esketamineAlsoNeedsRemsEnrolment() {
            Requests r = step(Requests.complete().set("preferredModality", "ESKETAMINE"), 0, consent("ESKETAMINE"));
            assertThat(plan(r).nextSession().reasons()).extracting(TreatmentPlan.Reason::ruleId).contains("STEP-06c");
            TreatmentPlan enrolled = plan(step(r, 1,
                    "{\"type\":\"REMS_ENROLMENT\",\"date\":\"2026-11-20\",\"outcome\":\"ENROLLED\"}"));
            assertThat(enrolled.nextSession().decision()).isEqualTo(SessionDecision.NOT_DUE);
        }

        @Test
        void theEsketamineCourseForSuicidalityNeedsEsketamineConsent() {
            TreatmentPlan p = plan(step(Requests.complete().set("suicideScreen.intentWithoutPlan", true), 0,
                    "{\"type\":\"EMERGENCY_EVALUATION\",\"date\":\"2026-11-20\",\"outcome\":\"OUTPATIENT_OK\"}"));
            assertThat(p.nextSession().reasons()).extracting(TreatmentPlan.Reason::ruleId)
                    .contains("STEP-06b", "STEP-06c");
        }

        @Test
        void aCourseUnderWayNeedsNoFirstSessionChecks() {
            TreatmentPlan p = plan(Requests.sessionDay().remove("clinicianSteps"));
            assertThat(ruleIds(p)).doesNotContain("STEP-06a");
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.GO);
        }
    }
}
