package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.PsychotherapyType;
import org.ketaplan.conclusions.Reviewer;
import org.ketaplan.conclusions.RiskLevel;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.conclusions.SeverityLevel;
import org.ketaplan.conclusions.TriageLevel;
import org.ketaplan.ruleset.TestRules;

/**
 * Clinical-spec sections 3, 4, 5 and 16 (RISK, SEV): each rule is exercised on the real rules/ through the
 * real request reader, and each number is tested just below, at and just above its threshold.
 */
class SafetyRulesTest {

    static Requests complete() {
        return Requests.complete();
    }

    static List<String> clearanceRules(TreatmentPlan p) {
        return p.clearances().stream().map(TreatmentPlan.ClearanceItem::ruleId).toList();
    }

    static List<String> missingFacts(TreatmentPlan p) {
        return p.missingData().stream().map(TreatmentPlan.MissingItem::fact).toList();
    }

    static List<String> flagRules(TreatmentPlan p, FlagCode code) {
        return p.flagDetails().stream().filter(f -> f.flag() == code).map(TreatmentPlan.FlagItem::ruleId).toList();
    }

    @Test
    void completeUnremarkablePatientIsRoutineAndEligibleWithNothingMissing() {
        TreatmentPlan p = plan(complete());
        assertThat(p.missingData()).isEmpty();
        assertThat(p.clearances()).isEmpty();
        assertThat(p.triage()).isEqualTo(TriageLevel.ROUTINE);
        assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
        assertThat(p.findings().suicideRisk()).isEqualTo(RiskLevel.LOW);
        assertThat(p.flags()).contains(FlagCode.CLINICIAN_REVIEW_REQUIRED);
    }

    @Nested
    class Suicidality {

        @ParameterizedTest(name = "{0} = true: emergency referral, no series scheduled")
        @CsvSource({"intentWithoutPlan", "intentWithPlan"})
        void intentInThePastMonthIsAnEmergency(String item) {
            TreatmentPlan p = plan(complete().set("suicideScreen." + item, true));
            assertThat(p.triage()).isEqualTo(TriageLevel.EMERGENCY_REFERRAL);
            assertThat(ruleIds(p)).contains("SUI-01a", "SUI-01c", "RISK-01b");
            assertThat(p.findings().suicideRisk()).isEqualTo(RiskLevel.HIGH);
            assertThat(p.series().type()).isIn(SeriesType.DEFER, SeriesType.NONE);
            assertThat(p.series().schedule()).isEmpty();
            assertThat(p.psychotherapy()).extracting(TreatmentPlan.PsychotherapyItem::type)
                    .contains(PsychotherapyType.SAFETY_PLAN);
        }

        @ParameterizedTest(name = "behaviour {0} months ago: triage {1}, risk {2}, rule {3}")
        @CsvSource({
                "0, EMERGENCY_REFERRAL, HIGH, SUI-01b",
                "2, EMERGENCY_REFERRAL, HIGH, SUI-01b",
                "3, EMERGENCY_REFERRAL, HIGH, SUI-01b",
                "4, URGENT_SAME_DAY_ASSESSMENT, MODERATE, SUI-03b",
                "24, URGENT_SAME_DAY_ASSESSMENT, MODERATE, SUI-03b"})
        void suicidalBehaviourWithinThreeMonthsIsAnEmergency(int months, TriageLevel triage, RiskLevel risk,
                                                             String rule) {
            TreatmentPlan p = plan(complete().set("suicideScreen.suicidalBehaviorMonthsAgo", months));
            assertThat(p.triage()).isEqualTo(triage);
            assertThat(p.findings().suicideRisk()).isEqualTo(risk);
            assertThat(ruleIds(p)).contains(rule);
            assertThat(p.series().schedule()).isEmpty();
            assertThat(p.psychotherapy()).extracting(TreatmentPlan.PsychotherapyItem::type)
                    .contains(PsychotherapyType.SAFETY_PLAN);
        }

        @Test
        void imminentDangerCallsEmergencyServices() {
            TreatmentPlan p = plan(complete().set("suicideScreen.imminentDanger", true));
            assertThat(p.triage()).isEqualTo(TriageLevel.EMERGENCY_REFERRAL);
            assertThat(p.findings().suicideRisk()).isEqualTo(RiskLevel.IMMINENT);
            assertThat(p.triageReasons()).anySatisfy(r -> {
                assertThat(r.ruleId()).isEqualTo("SUI-02");
                assertThat(r.text()).contains("911").contains("988");
            });
            assertThat(ruleIds(p)).contains("RISK-01a");
        }

        @Test
        void methodWithoutIntentIsUrgentWithSafetyPlan() {
            TreatmentPlan p = plan(complete().set("suicideScreen.methodWithoutIntent", true));
            assertThat(p.triage()).isEqualTo(TriageLevel.URGENT_SAME_DAY_ASSESSMENT);
            assertThat(p.findings().suicideRisk()).isEqualTo(RiskLevel.MODERATE);
            assertThat(ruleIds(p)).contains("SUI-03a", "SUI-03c", "RISK-01c");
            assertThat(p.series().schedule()).isEmpty();
        }

        @ParameterizedTest(name = "{0} only: routine with safety plan")
        @CsvSource({"wishToBeDead", "nonSpecificActiveThoughts"})
        void passiveIdeationOnlyStaysRoutineWithSafetyPlan(String item) {
            TreatmentPlan p = plan(complete().set("suicideScreen." + item, true));
            assertThat(p.triage()).isEqualTo(TriageLevel.ROUTINE);
            assertThat(ruleIds(p)).contains("SUI-04", "PSY-05", "RISK-01d");
            assertThat(p.findings().suicideRisk()).isEqualTo(RiskLevel.LOW);
            assertThat(p.psychotherapy()).anySatisfy(t -> {
                assertThat(t.type()).isEqualTo(PsychotherapyType.SAFETY_PLAN);
                assertThat(t.detail()).contains("lethal means");
            });
        }

        @ParameterizedTest(name = "PHQ-9 item 9 = {0} without a C-SSRS: urgent {1}")
        @CsvSource({"0, false", "1, true", "2, true", "3, true"})
        void positiveItem9WithoutScreenIsUrgent(int item9, boolean urgent) {
            TreatmentPlan p = plan(complete().remove("suicideScreen").set("assessments[1].score", item9));
            assertThat(p.triage()).isEqualTo(urgent ? TriageLevel.URGENT_SAME_DAY_ASSESSMENT : TriageLevel.ROUTINE);
            assertThat(ruleIds(p).contains("SUI-05")).isEqualTo(urgent);
            assertThat(ruleIds(p).contains("MD-04a")).isEqualTo(urgent);
            assertThat(missingFacts(p)).contains("suicideScreen");
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INSUFFICIENT_DATA);
            assertThat(p.findings().suicideRisk()).isEqualTo(RiskLevel.UNKNOWN);
            if (item9 >= 2) {
                assertThat(p.triageReasons()).anySatisfy(r -> assertThat(r.text()).contains("prioritise"));
            }
        }

        @Test
        void majorDepressionWithAcuteSuicidalityProposesTheMdsiCourseButDefersIt() {
            TreatmentPlan p = plan(complete().set("suicideScreen.intentWithPlan", true));
            assertThat(p.series().type()).isEqualTo(SeriesType.DEFER);
            assertThat(p.series().proposedType()).isEqualTo(SeriesType.ESKETAMINE_MDSI_COURSE);
            assertThat(ruleIds(p)).contains("SUI-06", "SUI-07");
            assertThat(p.monitoring()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("SUI-07"));
            assertThat(p.rationale()).anySatisfy(r -> {
                assertThat(r.ruleId()).isEqualTo("SUI-06");
                assertThat(r.statement()).contains("suicide-prevention efficacy is not demonstrated");
            });
        }

        @Test
        void acuteSuicidalityWithoutMajorDepressionProposesNoMdsiCourse() {
            TreatmentPlan p = plan(complete().set("diagnoses.majorDepressiveDisorder", false)
                    .set("suicideScreen.intentWithPlan", true));
            assertThat(ruleIds(p)).doesNotContain("SUI-06");
        }

        @Test
        void noScreenMeansUnknownRiskAndMissingScreen() {
            TreatmentPlan p = plan(complete().remove("suicideScreen"));
            assertThat(p.findings().suicideRisk()).isEqualTo(RiskLevel.UNKNOWN);
            assertThat(ruleIds(p)).contains("RISK-01e", "MD-04b");
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INSUFFICIENT_DATA);
        }

        @ParameterizedTest(name = "screen {0} days old: recent {1}")
        @CsvSource({"29, true", "30, true", "31, false"})
        void screenOlderThanThirtyDaysCountsAsMissing(int daysOld, boolean recent) {
            TreatmentPlan p = plan(complete().set("suicideScreen.date",
                    java.time.LocalDate.parse("2026-11-21").minusDays(daysOld).toString()));
            assertThat(missingFacts(p).contains("suicideScreen")).isNotEqualTo(recent);
            assertThat(p.findings().suicideRisk()).isEqualTo(recent ? RiskLevel.LOW : RiskLevel.UNKNOWN);
        }

        @Test
        void absentBehaviourItemIsUnknownButExplicitNullMeansNever() {
            TreatmentPlan absent = plan(complete().remove("suicideScreen.suicidalBehaviorMonthsAgo"));
            assertThat(missingFacts(absent)).contains("suicideScreen.suicidalBehaviorMonthsAgo");
            assertThat(ruleIds(absent)).contains("MD-04h");
            assertThat(absent.findings().suicideRisk()).isEqualTo(RiskLevel.UNKNOWN);
            TreatmentPlan never = plan(complete());
            assertThat(missingFacts(never)).doesNotContain("suicideScreen.suicidalBehaviorMonthsAgo");
        }
    }

    @Nested
    class MissingData {

        @ParameterizedTest(name = "without {0}: missing {1} by {2}")
        @CsvSource({
                "patient.ageYears, patient.ageYears, CI-04b",
                "patient.pregnancyStatus, patient.pregnancyStatus, MD-02a",
                "patient.breastfeeding, patient.breastfeeding, MD-02c",
                "diagnoses.psychoticFeatures, diagnoses.psychoticFeatures, MD-03a",
                "diagnoses.primaryPsychoticDisorder, diagnoses.primaryPsychoticDisorder, MD-03b",
                "diagnoses.currentManicHypomanicOrMixedEpisode, diagnoses.currentManicHypomanicOrMixedEpisode, MD-03c",
                "diagnoses.bipolarDisorder, diagnoses.bipolarDisorder, MD-03d",
                "diagnoses.priorManicOrHypomanicEpisode, diagnoses.priorManicOrHypomanicEpisode, MD-03e",
                "substanceUse.activeDisorderSeverity, substanceUse.activeDisorderSeverity, MD-03f",
                "substanceUse.pastDisorder, substanceUse.pastDisorder, MD-03g",
                "substanceUse.priorKetamineMisuse, substanceUse.priorKetamineMisuse, MD-03h",
                "medications, medications, MD-03i",
                "medicalHistory.aneurysmalVascularDisease, medicalHistory.aneurysmalVascularDisease, MD-03j",
                "medicalHistory.arteriovenousMalformation, medicalHistory.arteriovenousMalformation, MD-03k",
                "medicalHistory.intracerebralHemorrhage, medicalHistory.intracerebralHemorrhage, MD-03l",
                "medicalHistory.ketamineHypersensitivity, medicalHistory.ketamineHypersensitivity, CI-03b",
                "medicalHistory.elevatedIntracranialPressure, medicalHistory.elevatedIntracranialPressure, CI-10c",
                "medicalHistory.recentStrokeOrBrainInjury, medicalHistory.recentStrokeOrBrainInjury, CI-10d",
                "medicalHistory.unstableCardiacDisease, medicalHistory.unstableCardiacDisease, CI-11b",
                "medicalHistory.preeclampsia, medicalHistory.preeclampsia, CI-12b",
                "medicalHistory.hepaticImpairment, medicalHistory.hepaticImpairment, CI-14b",
                "medicalHistory.hypertension, medicalHistory.hypertension, RC-03d",
                "medicalHistory.stableCoronaryDisease, medicalHistory.stableCoronaryDisease, RC-03e",
                "medicalHistory.hypertensiveEncephalopathy, medicalHistory.hypertensiveEncephalopathy, RC-04b",
                "medicalHistory.interstitialCystitis, medicalHistory.interstitialCystitis, RC-10b",
                "medicalHistory.uncontrolledHyperthyroidism, medicalHistory.uncontrolledHyperthyroidism, RC-11b",
                "setting.ivKetamineCapable, setting.ivKetamineCapable, CI-15b",
                "setting.esketamineRemsCertified, setting.esketamineRemsCertified, CI-15c",
                "suicideScreen.wishToBeDead, suicideScreen.wishToBeDead, MD-04c",
                "suicideScreen.nonSpecificActiveThoughts, suicideScreen.nonSpecificActiveThoughts, MD-04d",
                "suicideScreen.methodWithoutIntent, suicideScreen.methodWithoutIntent, MD-04e",
                "suicideScreen.intentWithoutPlan, suicideScreen.intentWithoutPlan, MD-04f",
                "suicideScreen.intentWithPlan, suicideScreen.intentWithPlan, MD-04g",
                "suicideScreen.imminentDanger, suicideScreen.imminentDanger, MD-04i",
                "treatmentHistory.adequateAntidepressantTrials, treatmentHistory.adequateAntidepressantTrials, MD-05",
                "vitals[0].heartRate, vitals[].heartRate, MD-01b"})
        void absentFactIsListedAndBlocksEligibility(String removed, String fact, String rule) {
            TreatmentPlan p = plan(complete().remove(removed));
            assertThat(p.missingData()).anySatisfy(m -> {
                assertThat(m.fact()).isEqualTo(fact);
                assertThat(m.ruleId()).isEqualTo(rule);
            });
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INSUFFICIENT_DATA);
            assertThat(p.series().schedule()).isEmpty();
        }

        @Test
        void wholeSectionsAbsentAreUnknownNotNo() {
            TreatmentPlan p = plan(Requests.JSON.createObjectNode().put("asOf", "2026-11-21").toString().getBytes());
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INSUFFICIENT_DATA);
            assertThat(missingFacts(p)).contains("patient.ageYears", "medicalHistory.aneurysmalVascularDisease",
                    "medications", "suicideScreen", "vitals", "patient.childbearingPotential", "assessments");
        }

        @Test
        void childbearingPotentialUnknownWithoutPregnancyStatus() {
            TreatmentPlan p = plan(complete().remove("patient.childbearingPotential").remove("patient.pregnancyStatus"));
            assertThat(p.missingData()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("MD-02b"));
        }

        @Test
        void noPregnancyOrPreeclampsiaQuestionsWithoutChildbearingPotential() {
            TreatmentPlan p = plan(complete().set("patient.sex", "MALE").set("patient.childbearingPotential", false)
                    .remove("patient.pregnancyStatus").remove("patient.breastfeeding")
                    .remove("medicalHistory.preeclampsia"));
            assertThat(p.missingData()).isEmpty();
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
        }

        @ParameterizedTest(name = "vitals {0} days old: missing {1}")
        @CsvSource({"29, false", "30, false", "31, true"})
        void vitalsOlderThanThirtyDaysCountAsMissing(int daysOld, boolean missing) {
            TreatmentPlan p = plan(complete().set("vitals[0].date",
                    java.time.LocalDate.parse("2026-11-21").minusDays(daysOld).toString()));
            assertThat(missingFacts(p).contains("vitals")).isEqualTo(missing);
            assertThat(ruleIds(p).contains("MD-01a")).isEqualTo(missing);
        }

        @Test
        void depressionScoreNeededBeforeTheFirstDose() {
            TreatmentPlan p = plan(complete().setJson("assessments",
                    "[{\"instrument\":\"PCL5\",\"score\":50,\"date\":\"2026-11-20\"}]"));
            assertThat(p.missingData()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("MD-06a"));
        }

        @Test
        void ptsdScoreNeededBeforeTheFirstDose() {
            TreatmentPlan p = plan(complete().remove("assessments[3]"));
            assertThat(p.missingData()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("MD-06b"));
        }
    }

    @Nested
    class AbsoluteContraindications {

        @ParameterizedTest(name = "{0} = {1}: ineligible by {2}")
        @CsvSource({
                "medicalHistory.aneurysmalVascularDisease, true, CI-01a",
                "medicalHistory.arteriovenousMalformation, true, CI-01b",
                "medicalHistory.intracerebralHemorrhage, true, CI-02",
                "medicalHistory.ketamineHypersensitivity, true, CI-03a",
                "diagnoses.primaryPsychoticDisorder, true, CI-05a",
                "diagnoses.psychoticFeatures, CURRENT, CI-05b",
                "diagnoses.currentManicHypomanicOrMixedEpisode, true, CI-06a",
                "patient.pregnancyStatus, POSITIVE, CI-07a",
                "medicalHistory.elevatedIntracranialPressure, true, CI-10a",
                "medicalHistory.recentStrokeOrBrainInjury, true, CI-10b",
                "medicalHistory.unstableCardiacDisease, true, CI-11a",
                "medicalHistory.preeclampsia, true, CI-12a",
                "substanceUse.activeDisorderSeverity, MODERATE, CI-13a",
                "substanceUse.activeDisorderSeverity, SEVERE, CI-13a",
                "medicalHistory.hepaticImpairment, CHILD_PUGH_C, CI-14a"})
        void contraindicationMakesThePatientIneligibleWithNoSeries(String path, String value, String rule) {
            Object v = "true".equals(value) ? (Object) Boolean.TRUE : value;
            TreatmentPlan p = plan(complete().set(path, v));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
            assertThat(p.eligibilityReasons()).anySatisfy(r -> {
                assertThat(r.ruleId()).isEqualTo(rule);
                assertThat(r.level()).isEqualTo(EligibilityLevel.INELIGIBLE);
            });
            assertThat(p.series().type()).isIn(SeriesType.NONE);
            assertThat(p.series().schedule()).isEmpty();
        }

        @ParameterizedTest(name = "age {0}: ineligible {1}")
        @CsvSource({"17, true", "18, false", "19, false"})
        void under18IsIneligible(int age, boolean ineligible) {
            TreatmentPlan p = plan(complete().set("patient.ageYears", age));
            assertThat(ruleIds(p).contains("CI-04a")).isEqualTo(ineligible);
            assertThat(p.eligibility() == EligibilityLevel.INELIGIBLE).isEqualTo(ineligible);
        }

        @ParameterizedTest(name = "YMRS {0}: ineligible {1}")
        @CsvSource({"11, false", "12, true", "13, true"})
        void ymrsAtTheManiaThresholdIsIneligible(int ymrs, boolean ineligible) {
            TreatmentPlan p = plan(complete().setJson("assessments[4]",
                    "{\"instrument\":\"YMRS\",\"score\":" + ymrs + ",\"date\":\"2026-11-20\"}"));
            assertThat(ruleIds(p).contains("CI-06b")).isEqualTo(ineligible);
            assertThat(p.eligibility() == EligibilityLevel.INELIGIBLE).isEqualTo(ineligible);
        }

        @Test
        void pregnancyAlsoRefersToPerinatalPsychiatry() {
            TreatmentPlan p = plan(complete().set("patient.pregnancyStatus", "POSITIVE"));
            assertThat(p.clearances()).anySatisfy(c -> {
                assertThat(c.reviewer()).isEqualTo(Reviewer.PERINATAL_PSYCHIATRY);
                assertThat(c.ruleId()).isEqualTo("CI-07b");
            });
        }

        /** CI-08 as corrected: esketamine never appears; IV ketamine stays open after a perinatal review. */
        @ParameterizedTest(name = "breastfeeding, preferring {0}: IV after perinatal review, no esketamine anywhere")
        @CsvSource({"ESKETAMINE", "IV_KETAMINE"})
        void breastfeedingRulesOutEsketamineEverywhereButNotIv(String preferred) {
            TreatmentPlan p = plan(complete().set("patient.breastfeeding", true).set("preferredModality", preferred));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.NEEDS_CLEARANCE);
            assertThat(p.series().proposedType()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
            assertThat(p.alternatives()).isEmpty();
            assertThat(clearanceRules(p)).contains("CI-08b");
            assertThat(ruleIds(p)).contains("CI-08a");
            assertThat(Requests.JSON.valueToTree(p).toString()).doesNotContain("ESKETAMINE_INDUCTION");
        }

        @Test
        void breastfeedingWithoutBreastfeedingLeavesEsketamineAsTheAlternative() {
            TreatmentPlan p = plan(complete().set("patient.breastfeeding", false));
            assertThat(p.alternatives()).extracting(TreatmentPlan.Alternative::modality).containsExactly("ESKETAMINE");
            assertThat(ruleIds(p)).doesNotContain("CI-08a", "CI-08b");
        }

        @Test
        void breastfeedingAtAnEsketamineOnlySiteCannotBeTreatedThere() {
            TreatmentPlan p = plan(complete().set("patient.breastfeeding", true).set("setting.ivKetamineCapable", false));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
            assertThat(ruleIds(p)).contains("CI-08d");
            assertThat(p.series().type()).isEqualTo(SeriesType.NONE);
        }

        @Test
        void breastfeedingDuringAnEsketamineCourseStopsIt() {
            TreatmentPlan p = plan(complete().set("patient.breastfeeding", true)
                    .setJson("course", "{\"modality\":\"ESKETAMINE\",\"sessions\":[{\"date\":\"2026-11-18\"}]}"));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
            assertThat(ruleIds(p)).contains("CI-08c");
            assertThat(p.series().schedule()).isEmpty();
            assertThat(Requests.JSON.valueToTree(p).toString()).doesNotContain("ESKETAMINE_INDUCTION");
        }

        @Test
        void moderateSubstanceUseDisorderRefersForTreatment() {
            TreatmentPlan p = plan(complete().set("substanceUse.activeDisorderSeverity", "MODERATE"));
            assertThat(p.psychotherapy()).anySatisfy(t -> {
                assertThat(t.type()).isEqualTo(PsychotherapyType.SUD_TREATMENT);
                assertThat(t.ruleId()).isEqualTo("CI-13b");
            });
        }

        @Test
        void siteWithNeitherModalityCannotTreat() {
            TreatmentPlan p = plan(complete().set("setting.ivKetamineCapable", false)
                    .set("setting.esketamineRemsCertified", false));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
            assertThat(ruleIds(p)).contains("CI-15a");
        }

        @ParameterizedTest(name = "Child-Pugh {0}: eligibility {1}")
        @CsvSource({"NONE, ELIGIBLE", "CHILD_PUGH_A, ELIGIBLE", "CHILD_PUGH_B, ELIGIBLE", "CHILD_PUGH_C, INELIGIBLE"})
        void hepaticImpairmentGrades(String grade, EligibilityLevel expected) {
            TreatmentPlan p = plan(complete().set("medicalHistory.hepaticImpairment", grade));
            assertThat(p.eligibility()).isEqualTo(expected);
            assertThat(flagRules(p, FlagCode.LONGER_MONITORING).contains("RC-09")).isEqualTo("CHILD_PUGH_B".equals(grade));
        }
    }

    @Nested
    class BloodPressure {

        @ParameterizedTest(name = "{0}/{1} mmHg: eligibility {2}, rule {3}")
        @CsvSource({
                "139, 89, ELIGIBLE, ",
                "140, 89, ELIGIBLE, RC-02",
                "139, 90, ELIGIBLE, RC-02",
                "140, 90, ELIGIBLE, RC-02",
                "141, 90, NEEDS_CLEARANCE, RC-01",
                "140, 91, NEEDS_CLEARANCE, RC-01",
                "179, 99, NEEDS_CLEARANCE, RC-01",
                "180, 99, INELIGIBLE, CI-09",
                "179, 100, INELIGIBLE, CI-09",
                "181, 85, INELIGIBLE, CI-09",
                "200, 120, INELIGIBLE, CI-09"})
        void restingBloodPressureBands(int systolic, int diastolic, EligibilityLevel expected, String rule) {
            TreatmentPlan p = plan(complete().vitals(systolic, diastolic));
            assertThat(p.eligibility()).isEqualTo(expected);
            List<String> bpRules = ruleIds(p).stream().filter(id -> List.of("RC-01", "RC-02", "CI-09").contains(id)).toList();
            assertThat(bpRules).isEqualTo(rule == null ? List.of() : List.of(rule));
        }

        @Test
        void bloodPressureAtTheLabelThresholdIsRecheckedNotCleared() {
            TreatmentPlan p = plan(complete().vitals(140, 90));
            assertThat(p.clearances()).isEmpty();
            assertThat(p.monitoring()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("RC-02"));
        }

        @Test
        void oldHighReadingIsMissingDataNotAContraindication() {
            TreatmentPlan p = plan(complete().vitals(200, 120).set("vitals[0].date", "2026-10-01"));
            assertThat(ruleIds(p)).contains("MD-01a").doesNotContain("CI-09");
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INSUFFICIENT_DATA);
        }

        @Test
        void theMostRecentReadingCounts() {
            TreatmentPlan p = plan(complete().vitals(190, 110).set("vitals[0].date", "2026-11-10")
                    .setJson("vitals[1]", "{\"date\":\"2026-11-20\",\"systolic\":130,\"diastolic\":80,\"heartRate\":70}"));
            assertThat(ruleIds(p)).doesNotContain("CI-09");
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
        }
    }

    @Nested
    class RelativeContraindications {

        @ParameterizedTest(name = "{0} = {1}: clearance by {2} ({3})")
        @CsvSource({
                "medicalHistory.hypertensiveEncephalopathy, true, CARDIOLOGY, RC-04a",
                "diagnoses.bipolarDisorder, BIPOLAR_I, PSYCHIATRY, RC-05a",
                "diagnoses.bipolarDisorder, BIPOLAR_II, PSYCHIATRY, RC-05a",
                "diagnoses.psychoticFeatures, PAST, PSYCHIATRY, RC-06",
                "substanceUse.pastDisorder, true, ADDICTION_MEDICINE, RC-07a",
                "substanceUse.activeDisorderSeverity, MILD, ADDICTION_MEDICINE, RC-07b",
                "substanceUse.priorKetamineMisuse, true, ADDICTION_MEDICINE, RC-08",
                "medicalHistory.uncontrolledHyperthyroidism, true, PRIMARY_CARE, RC-11a",
                "diagnoses.priorManicOrHypomanicEpisode, true, PSYCHIATRY, RC-13a"})
        void relativeContraindicationNeedsClearance(String path, String value, Reviewer reviewer, String rule) {
            Object v = "true".equals(value) ? (Object) Boolean.TRUE : value;
            TreatmentPlan p = plan(complete().set(path, v));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.NEEDS_CLEARANCE);
            assertThat(p.clearances()).anySatisfy(c -> {
                assertThat(c.reviewer()).isEqualTo(reviewer);
                assertThat(c.ruleId()).isEqualTo(rule);
            });
            assertThat(p.series().schedule()).isEmpty();
        }

        @Test
        void bipolarDepressionIsMonitoredWithYmrs() {
            TreatmentPlan p = plan(complete().set("diagnoses.bipolarDisorder", "BIPOLAR_II"));
            assertThat(flagRules(p, FlagCode.BIPOLAR_MONITOR_YMRS)).containsExactly("RC-05b");
        }

        @Test
        void lithiumWithoutBipolarDiagnosisNeedsClarification() {
            TreatmentPlan p = plan(complete().setJson("medications[1]", "{\"name\":\"Lithium\",\"dailyDoseMg\":900}"));
            assertThat(clearanceRules(p)).contains("RC-13b");
        }

        @ParameterizedTest(name = "{0} = true: BP surge risk by {1}")
        @CsvSource({"medicalHistory.hypertension, RC-03a", "medicalHistory.stableCoronaryDisease, RC-03c"})
        void surgeRiskConditionsAreFlaggedButStayEligible(String path, String rule) {
            TreatmentPlan p = plan(complete().set(path, true));
            assertThat(flagRules(p, FlagCode.BP_SURGE_RISK)).contains(rule);
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
        }

        @ParameterizedTest(name = "age {0}: BP surge risk {1}")
        @CsvSource({"59, false", "60, true", "61, true"})
        void age60OrOlderIsASurgeRisk(int age, boolean flagged) {
            TreatmentPlan p = plan(complete().set("patient.ageYears", age));
            assertThat(flagRules(p, FlagCode.BP_SURGE_RISK).contains("RC-03b")).isEqualTo(flagged);
        }

        @ParameterizedTest(name = "age {0} on {1} under the {2} label: 28 mg start {3}")
        @CsvSource({"64, ESKETAMINE, EU, false", "65, ESKETAMINE, EU, true", "66, ESKETAMINE, EU, true",
                "65, IV_KETAMINE, EU, false", "65, ESKETAMINE, US, false", "70, ESKETAMINE, US, false"})
        void olderPatientsStartEsketamineAt28mgUnderEuTypeLabels(int age, String modality, String region,
                                                                 boolean flagged) {
            TreatmentPlan p = Plans.plan(TestRules.with("ESKETAMINE_LABEL_REGION", region),
                    complete().set("patient.ageYears", age).set("preferredModality", modality).bytes());
            assertThat(flagRules(p, FlagCode.ESKETAMINE_START_28MG).contains("RC-12")).isEqualTo(flagged);
        }

        @Test
        void interstitialCystitisIsMonitored() {
            TreatmentPlan p = plan(complete().set("medicalHistory.interstitialCystitis", true));
            assertThat(flagRules(p, FlagCode.URINARY_MONITORING)).containsExactly("RC-10a");
        }
    }

    @Nested
    class Interactions {

        @ParameterizedTest(name = "{0} {1} mg/day: benzodiazepine flag {2}")
        @CsvSource({
                "diazepam, 7.5, false",
                "diazepam, 8, false",
                "diazepam, 8.5, true",
                "lorazepam, 0.8, false",
                "lorazepam, 0.9, true",
                "clonazepam, 0.4, false",
                "clonazepam, 0.45, true"})
        void benzodiazepineLoadAboveEightMgDiazepamEquivalentMayBlunt(String drug, double dose, boolean flagged) {
            TreatmentPlan p = plan(complete().setJson("medications[1]",
                    "{\"name\":\"" + drug + "\",\"dailyDoseMg\":" + dose + "}"));
            assertThat(flagRules(p, FlagCode.BENZO_MAY_BLUNT).contains("DI-01a")).isEqualTo(flagged);
            assertThat(flagRules(p, FlagCode.SEDATION_RISK)).contains("DI-04a");
        }

        @Test
        void benzodiazepineLoadIsSummedAcrossDrugs() {
            TreatmentPlan p = plan(complete()
                    .setJson("medications[1]", "{\"name\":\"diazepam\",\"dailyDoseMg\":5}")
                    .setJson("medications[2]", "{\"name\":\"lorazepam\",\"dailyDoseMg\":0.4}"));
            assertThat(flagRules(p, FlagCode.BENZO_MAY_BLUNT)).containsExactly("DI-01a");
        }

        @Test
        void benzodiazepineWithoutDoseIsMissingData() {
            TreatmentPlan p = plan(complete().setJson("medications[1]", "{\"name\":\"alprazolam\"}"));
            assertThat(p.missingData()).anySatisfy(m -> {
                assertThat(m.fact()).isEqualTo("medications[1].dailyDoseMg");
                assertThat(m.ruleId()).isEqualTo("DI-01b");
            });
        }

        @ParameterizedTest(name = "{0}: flag {1} by {2}")
        @CsvSource({
                "lamotrigine, LAMOTRIGINE_NOTE, DI-02",
                "phenelzine, MAOI_BP, DI-03b",
                "methylphenidate, STIMULANT_BP, DI-03d",
                "oxycodone, SEDATION_RISK, DI-04a",
                "zolpidem, SEDATION_RISK, DI-04a",
                "carbamazepine, EXPOSURE_CHANGE, DI-05",
                "clarithromycin, EXPOSURE_CHANGE, DI-05",
                "theophylline, SEIZURE_THRESHOLD, DI-06",
                "unobtainium, UNRECOGNISED_MEDICATION, MD-03m"})
        void medicationClassRaisesItsFlag(String drug, FlagCode flag, String rule) {
            TreatmentPlan p = plan(complete().setJson("medications[1]", "{\"name\":\"" + drug + "\",\"dailyDoseMg\":10}"));
            assertThat(flagRules(p, flag)).contains(rule);
        }

        @ParameterizedTest(name = "{0}: prescriber clearance by {1}")
        @CsvSource({"Tranylcypromine, DI-03a", "lisdexamfetamine, DI-03c", "Unobtainium, MD-03n"})
        void bloodPressureInteractionsAndUnknownDrugsNeedThePrescriber(String drug, String rule) {
            TreatmentPlan p = plan(complete().setJson("medications[1]", "{\"name\":\"" + drug + "\",\"dailyDoseMg\":10}"));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.NEEDS_CLEARANCE);
            assertThat(p.clearances()).anySatisfy(c -> {
                assertThat(c.reviewer()).isEqualTo(Reviewer.PRESCRIBER);
                assertThat(c.ruleId()).isEqualTo(rule);
            });
        }

        @Test
        void unrecognisedMedicationIsNamedAndNamesAreCaseInsensitive() {
            TreatmentPlan p = plan(complete().set("medications[0].name", "SERTRALINE")
                    .setJson("medications[1]", "{\"name\":\"Zyxophrine\",\"dailyDoseMg\":5}"));
            assertThat(p.flagDetails()).filteredOn(f -> f.flag() == FlagCode.UNRECOGNISED_MEDICATION)
                    .singleElement().satisfies(f -> assertThat(f.detail()).contains("Zyxophrine"));
        }

        @Test
        void alcoholUseRaisesSedationRisk() {
            TreatmentPlan p = plan(complete().setJson("substanceUse.substances", "[\"Alcohol\"]"));
            assertThat(flagRules(p, FlagCode.SEDATION_RISK)).contains("DI-04b");
        }
    }

    @Nested
    class Severity {

        @ParameterizedTest(name = "PHQ-9 {0}: {1}")
        @CsvSource({"0, NONE", "4, NONE", "5, MILD", "9, MILD", "10, MODERATE", "14, MODERATE",
                "15, MODERATELY_SEVERE", "19, MODERATELY_SEVERE", "20, SEVERE", "27, SEVERE"})
        void phq9Bands(int score, SeverityLevel expected) {
            TreatmentPlan p = plan(complete().set("assessments[0].score", score));
            assertThat(p.findings().depressionSeverity()).isEqualTo(expected);
            assertThat(ruleIds(p)).anyMatch(id -> id.startsWith("SEV-01"));
        }

        @ParameterizedTest(name = "MADRS {0} without PHQ-9: {1}")
        @CsvSource({"0, NONE", "6, NONE", "7, MILD", "19, MILD", "20, MODERATE", "34, MODERATE", "35, SEVERE",
                "60, SEVERE"})
        void madrsBandsWhenNoPhq9(int score, SeverityLevel expected) {
            TreatmentPlan p = plan(complete().remove("assessments[0]").set("assessments[1].score", score));
            assertThat(p.findings().depressionSeverity()).isEqualTo(expected);
            assertThat(ruleIds(p)).anyMatch(id -> id.startsWith("SEV-02")).noneMatch(id -> id.startsWith("SEV-01"));
        }

        @Test
        void phq9GovernsWhenBothArePresent() {
            TreatmentPlan p = plan(complete().set("assessments[0].score", 4).set("assessments[2].score", 40));
            assertThat(p.findings().depressionSeverity()).isEqualTo(SeverityLevel.NONE);
        }

        @Test
        void theMostRecentScoreIsCurrent() {
            TreatmentPlan p = plan(complete().setJson("assessments[4]",
                    "{\"instrument\":\"PHQ9\",\"score\":3,\"date\":\"2026-11-21\"}"));
            assertThat(p.findings().depressionSeverity()).isEqualTo(SeverityLevel.NONE);
        }

        @Test
        void noScoresMeansUnknownSeverity() {
            TreatmentPlan p = plan(complete().remove("assessments"));
            assertThat(p.findings().depressionSeverity()).isEqualTo(SeverityLevel.UNKNOWN);
        }
    }

    @Nested
    class Precedence {

        @Test
        void ineligibleWinsOverMissingDataAndClearance() {
            TreatmentPlan p = plan(complete().remove("patient.ageYears")
                    .set("diagnoses.bipolarDisorder", "BIPOLAR_I")
                    .set("medicalHistory.aneurysmalVascularDisease", true));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
            assertThat(p.eligibilityReasons()).extracting(TreatmentPlan.EligibilityReason::level)
                    .contains(EligibilityLevel.INELIGIBLE, EligibilityLevel.INSUFFICIENT_DATA,
                            EligibilityLevel.NEEDS_CLEARANCE);
            assertThat(p.eligibilityReasons().get(0).level()).isEqualTo(EligibilityLevel.INELIGIBLE);
        }

        @Test
        void missingDataWinsOverClearance() {
            TreatmentPlan p = plan(complete().remove("patient.ageYears").set("diagnoses.bipolarDisorder", "BIPOLAR_I"));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INSUFFICIENT_DATA);
        }

        @Test
        void emergencyWinsOverUrgent() {
            TreatmentPlan p = plan(complete().set("suicideScreen.methodWithoutIntent", true)
                    .set("suicideScreen.intentWithPlan", true));
            assertThat(p.triage()).isEqualTo(TriageLevel.EMERGENCY_REFERRAL);
            assertThat(p.triageReasons()).extracting(TreatmentPlan.Reason::ruleId).contains("SUI-01a", "SUI-03a");
        }

        @Test
        void everyFiredRuleIsInTheRationaleOnceWithItsEvidence() {
            TreatmentPlan p = plan(complete().set("suicideScreen.intentWithPlan", true)
                    .set("medicalHistory.hypertension", true));
            assertThat(ruleIds(p)).doesNotHaveDuplicates();
            assertThat(p.rationale()).allSatisfy(r -> {
                assertThat(r.rule()).isNotBlank();
                assertThat(r.strength()).isIn("FIRM", "PRACTICE", "UNCERTAIN");
                assertThat(r.sources()).isNotEmpty();
            });
        }
    }
}
