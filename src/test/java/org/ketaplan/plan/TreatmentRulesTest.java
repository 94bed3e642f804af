package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.AdjunctType;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.conclusions.PsychotherapyType;
import org.ketaplan.conclusions.ResponseStatus;
import org.ketaplan.conclusions.Reviewer;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.conclusions.SessionSpacing;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.TestRules;

/**
 * Clinical-spec sections 2, 6, 7, 8, 9, 10, 11 and 16 on the real rules/: every rule, and every number
 * just below, at and just above its threshold.
 */
class TreatmentRulesTest {

    static final LocalDate AS_OF = LocalDate.parse("2026-11-21");
    static final List<String> SESSIONS = List.of("2026-10-26", "2026-10-29", "2026-11-02", "2026-11-05",
            "2026-11-09", "2026-11-12", "2026-11-13", "2026-11-16");

    /** TRD with confirmed PTSD, every safety fact known (Requests.complete()). */
    static Requests trd() {
        return Requests.complete();
    }

    /** Confirmed PTSD after trauma-focused therapy and an SSRI, PCL-5 50, no major depression. */
    static Requests ptsdOnly() {
        return Requests.complete().set("diagnoses.majorDepressiveDisorder", false)
                .set("treatmentHistory.adequateAntidepressantTrials", 0).set("assessments[0].score", 8);
    }

    /**
     * A course of {@code given} sessions from 2026-10-26, a baseline of each listed instrument on 2026-10-20
     * and a current score on 2026-11-20: pairs of (instrument, baseline, current).
     */
    static Requests course(Requests r, String modality, int given, Object... pairs) {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < given; i++) {
            sessions.add("{\"date\":\"" + SESSIONS.get(i) + "\"}");
        }
        r.setJson("course", "{\"modality\":\"" + modality + "\",\"sessions\":[" + String.join(",", sessions) + "]}");
        List<String> scores = new ArrayList<>(List.of("{\"instrument\":\"PHQ9_ITEM9\",\"score\":0,\"date\":\"2026-11-20\"}"));
        for (int i = 0; i < pairs.length; i += 3) {
            scores.add(score(pairs[i], pairs[i + 1], "2026-10-20"));
            scores.add(score(pairs[i], pairs[i + 2], "2026-11-20"));
        }
        return r.setJson("assessments", "[" + String.join(",", scores) + "]");
    }

    static String score(Object instrument, Object score, String date) {
        return "{\"instrument\":\"" + instrument + "\",\"score\":" + score + ",\"date\":\"" + date + "\"}";
    }

    static List<FlagCode> flags(TreatmentPlan p) {
        return p.flags();
    }

    @Nested
    class Indication {

        @ParameterizedTest(name = "{0} adequate trials: TRD {1}, eligibility {2}")
        @CsvSource({"0, false, NOT_INDICATED", "1, false, NOT_INDICATED", "2, true, ELIGIBLE", "3, true, ELIGIBLE"})
        void twoAdequateTrialsMakeDepressionTreatmentResistant(int trials, boolean trd, EligibilityLevel eligibility) {
            TreatmentPlan p = plan(trd().set("diagnoses.ptsd", "NONE").remove("assessments[3]")
                    .set("treatmentHistory.adequateAntidepressantTrials", trials));
            assertThat(p.findings().treatmentResistantDepression()).isEqualTo(trd);
            assertThat(p.eligibility()).isEqualTo(eligibility);
            assertThat(ruleIds(p)).contains(trd ? "DX-01a" : "DX-03b");
            assertThat(p.indication()).isEqualTo(trd ? org.ketaplan.conclusions.Indication.TREATMENT_RESISTANT_DEPRESSION
                    : org.ketaplan.conclusions.Indication.NONE);
            if (!trd) {
                assertThat(p.eligibilityReasons()).anySatisfy(r -> {
                    assertThat(r.ruleId()).isEqualTo("DX-03a");
                    assertThat(r.text()).contains("switch or augmentation");
                });
                assertThat(p.series().type()).isEqualTo(SeriesType.NONE);
            }
        }

        @Test
        void trialCountUnknownIsInsufficientData() {
            TreatmentPlan p = plan(trd().remove("treatmentHistory.adequateAntidepressantTrials"));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INSUFFICIENT_DATA);
            assertThat(ruleIds(p)).contains("DX-04", "MD-05");
            assertThat(p.findings().treatmentResistantDepression()).isNull();
        }

        @Test
        void adequateTrialDefinitionIsShown() {
            TreatmentPlan p = plan(trd());
            assertThat(p.notes()).anySatisfy(n -> {
                assertThat(n.ruleId()).isEqualTo("DX-02");
                assertThat(n.text()).contains("6 weeks");
            });
        }

        @ParameterizedTest(name = "{0} = unknown: missing {1}")
        @CsvSource({"diagnoses.majorDepressiveDisorder, DX-04b", "diagnoses.ptsd, DX-04c"})
        void unknownDiagnosesAreMissing(String path, String rule) {
            TreatmentPlan p = plan(trd().remove(path));
            assertThat(p.missingData()).anySatisfy(m -> {
                assertThat(m.fact()).isEqualTo(path);
                assertThat(m.ruleId()).isEqualTo(rule);
            });
        }

        @Test
        void neitherDepressionNorPtsdIsNotIndicated() {
            TreatmentPlan p = plan(trd().set("diagnoses.majorDepressiveDisorder", false).set("diagnoses.ptsd", "NONE"));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.NOT_INDICATED);
            assertThat(ruleIds(p)).contains("DX-03c", "DX-01c");
            assertThat(p.findings().treatmentResistantDepression()).isFalse();
        }

        @ParameterizedTest(name = "PHQ-9 {0}, MADRS {1}: not indicated {2}")
        @CsvSource({"9, 19, true", "10, 19, false", "9, 20, false", "4, 6, true"})
        void depressionBelowModerateIsNotIndicatedBeforeTreatment(int phq9, int madrs, boolean notIndicated) {
            TreatmentPlan p = plan(trd().set("assessments[0].score", phq9).set("assessments[2].score", madrs));
            assertThat(ruleIds(p).contains("DX-05")).isEqualTo(notIndicated);
            assertThat(p.eligibility() == EligibilityLevel.NOT_INDICATED).isEqualTo(notIndicated);
        }

        @Test
        void lowScoresDuringACourseAreResponseNotLackOfIndication() {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 6, "PHQ9", 19, 3));
            assertThat(ruleIds(p)).doesNotContain("DX-05");
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
        }

        @ParameterizedTest(name = "PCL-5 {0} without confirmed PTSD: probable {1}, borderline {2}")
        @CsvSource({"30, false, false", "31, false, true", "32, false, true", "33, true, false", "34, true, false"})
        void pcl5CutOffAndBorderlineBand(int pcl5, boolean probable, boolean borderline) {
            TreatmentPlan p = plan(trd().set("diagnoses.ptsd", "NONE").set("assessments[3].score", pcl5));
            assertThat(ruleIds(p).contains("DX-06a")).isEqualTo(probable);
            assertThat(p.findings().probablePtsd()).isEqualTo(probable ? Boolean.TRUE : null);
            assertThat(flags(p).contains(FlagCode.PCL5_BORDERLINE)).isEqualTo(borderline);
        }

        @Test
        void pcl5CutOffIsAParameter(@TempDir Path dir) {
            RuleBase rb = TestRules.withParameter(dir, "PCL5_CUTOFF", "31");
            TreatmentPlan p = Plans.plan(rb, trd().set("diagnoses.ptsd", "NONE").set("assessments[3].score", 31).bytes());
            assertThat(p.findings().probablePtsd()).isTrue();
            assertThat(p.flags()).doesNotContain(FlagCode.PCL5_BORDERLINE);
        }

        @Test
        void caps5ConfirmationMeansNoProbableLabel() {
            TreatmentPlan p = plan(trd().set("diagnoses.ptsd", "NONE").set("assessments[3].score", 40)
                    .setJson("assessments[4]", score("CAPS5", 20, "2026-11-20")));
            assertThat(ruleIds(p)).doesNotContain("DX-06a");
        }

        @Test
        void clinicianRecordedProbablePtsdNeedsConfirmationWithoutTrd() {
            TreatmentPlan p = plan(ptsdOnly().set("diagnoses.ptsd", "PROBABLE"));
            assertThat(p.findings().probablePtsd()).isTrue();
            assertThat(ruleIds(p)).contains("DX-06c", "DX-06d");
            assertThat(p.missingData()).anySatisfy(m -> assertThat(m.fact()).isEqualTo("diagnoses.ptsd"));
        }

        @Test
        void probablePtsdWithTrdIsTreatedAsTrd() {
            TreatmentPlan p = plan(trd().set("diagnoses.ptsd", "PROBABLE"));
            assertThat(ruleIds(p)).contains("DX-06c", "DX-09").doesNotContain("DX-06d");
            assertThat(p.indication()).isEqualTo(org.ketaplan.conclusions.Indication.TREATMENT_RESISTANT_DEPRESSION);
        }

        @Test
        void ptsdWithoutTraumaFocusedTherapyIsNotIndicated() {
            TreatmentPlan p = plan(ptsdOnly().set("treatmentHistory.traumaFocusedPsychotherapyCompleted", false));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.NOT_INDICATED);
            assertThat(ruleIds(p)).contains("DX-07a", "PSY-01");
        }

        @Test
        void ptsdTraumaFocusedTherapyUnknownIsMissing() {
            TreatmentPlan p = plan(ptsdOnly().remove("treatmentHistory.traumaFocusedPsychotherapyCompleted"));
            assertThat(ruleIds(p)).contains("DX-07b");
        }

        @ParameterizedTest(name = "PCL-5 {0} after treatment: refractory {1}")
        @CsvSource({"32, false", "33, true", "34, true"})
        void refractoryPtsdAtTheCutOff(int pcl5, boolean refractory) {
            TreatmentPlan p = plan(ptsdOnly().set("assessments[3].score", pcl5));
            assertThat(p.findings().refractoryPtsd()).isEqualTo(refractory ? Boolean.TRUE : null);
            assertThat(ruleIds(p).contains(refractory ? "DX-08a" : "DX-08f")).isTrue();
            if (refractory) {
                assertThat(p.indication()).isEqualTo(org.ketaplan.conclusions.Indication.REFRACTORY_PTSD);
                assertThat(flags(p)).contains(FlagCode.LOW_EVIDENCE_PTSD, FlagCode.OFF_LABEL);
                assertThat(ruleIds(p)).contains("DX-08b", "DX-08c", "DX-08d");
            } else {
                assertThat(p.eligibility()).isEqualTo(EligibilityLevel.NOT_INDICATED);
            }
        }

        @Test
        void ptsdWithoutAnSsriTrialIsNotIndicated() {
            TreatmentPlan p = plan(ptsdOnly().set("treatmentHistory.adequatePtsdMedicationTrials", 0));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.NOT_INDICATED);
            assertThat(ruleIds(p)).contains("DX-08e");
        }

        @Test
        void ptsdMedicationTrialsUnknownAreMissing() {
            TreatmentPlan p = plan(ptsdOnly().remove("treatmentHistory.adequatePtsdMedicationTrials"));
            assertThat(ruleIds(p)).contains("DX-08g");
        }

        @Test
        void psychoticDepressionGetsAnAlternativeNote() {
            TreatmentPlan p = plan(trd().set("diagnoses.psychoticFeatures", "CURRENT"));
            assertThat(p.notes()).anySatisfy(n -> assertThat(n.ruleId()).isEqualTo("DX-10"));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
        }

        @Test
        void acuteSuicidalityTakesTheIndication() {
            TreatmentPlan p = plan(trd().set("suicideScreen.intentWithoutPlan", true));
            assertThat(p.indication()).isEqualTo(org.ketaplan.conclusions.Indication.DEPRESSION_WITH_ACUTE_SUICIDALITY);
            assertThat(ruleIds(p)).contains("DX-11").doesNotContain("DX-01b");
        }

        @Test
        void ptsdWithMajorDepressionIsComorbid() {
            TreatmentPlan p = plan(trd());
            assertThat(p.findings().comorbidDepression()).isTrue();
            assertThat(ruleIds(p)).contains("COM-01");
            assertThat(p.psychotherapy()).extracting(TreatmentPlan.PsychotherapyItem::type)
                    .contains(PsychotherapyType.TRAUMA_FOCUSED, PsychotherapyType.DEPRESSION_EBP);
        }

        @ParameterizedTest(name = "PTSD without MDD, PHQ-9 {0}: assess for depression {1}")
        @CsvSource({"9, false", "10, true", "11, true"})
        void ptsdWithHighPhq9NeedsADepressionAssessment(int phq9, boolean missing) {
            TreatmentPlan p = plan(ptsdOnly().set("assessments[0].score", phq9));
            assertThat(p.findings().comorbidDepression()).isFalse();
            assertThat(ruleIds(p)).contains("COM-02b");
            assertThat(ruleIds(p).contains("COM-02a")).isEqualTo(missing);
        }
    }

    @Nested
    class Modality {

        @Test
        void ivPreferredAtAFullSiteGivesIvWithEsketamineAlternative() {
            TreatmentPlan p = plan(trd());
            assertThat(p.series().type()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
            assertThat(ruleIds(p)).contains("MOD-02a", "MOD-02b", "MOD-01c");
            assertThat(flags(p)).contains(FlagCode.OFF_LABEL);
            assertThat(p.alternatives()).singleElement().satisfies(a -> {
                assertThat(a.modality()).isEqualTo("ESKETAMINE");
                assertThat(a.series()).isEqualTo(SeriesType.ESKETAMINE_INDUCTION);
                assertThat(a.note()).isEqualTo("on-label for TRD");
            });
        }

        @ParameterizedTest(name = "preference {0}: series {1}")
        @CsvSource({"ESKETAMINE, ESKETAMINE_INDUCTION", ", ESKETAMINE_INDUCTION", "IV_KETAMINE, IV_KETAMINE_INDUCTION"})
        void esketamineIsTheOnLabelDefaultAtACertifiedSite(String preference, SeriesType series) {
            Requests r = preference == null ? trd().remove("preferredModality") : trd().set("preferredModality", preference);
            TreatmentPlan p = plan(r);
            assertThat(p.series().type()).isEqualTo(series);
            if (series == SeriesType.ESKETAMINE_INDUCTION) {
                assertThat(ruleIds(p)).contains("MOD-01b", "MOD-01d");
                assertThat(flags(p)).doesNotContain(FlagCode.OFF_LABEL);
            }
        }

        @Test
        void ivPreferredAtAnEsketamineOnlySiteGivesEsketamine() {
            TreatmentPlan p = plan(trd().set("setting.ivKetamineCapable", false));
            assertThat(p.series().type()).isEqualTo(SeriesType.ESKETAMINE_INDUCTION);
            assertThat(ruleIds(p)).contains("MOD-04a");
            assertThat(p.alternatives()).isEmpty();
        }

        @Test
        void esketaminePreferredAtAnIvOnlySiteGivesIv() {
            TreatmentPlan p = plan(trd().set("preferredModality", "ESKETAMINE").set("setting.esketamineRemsCertified", false));
            assertThat(p.series().type()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
            assertThat(ruleIds(p)).contains("MOD-04c");
        }

        @Test
        void ptsdSeriesAtASiteWithoutIvIsNotPossible() {
            TreatmentPlan p = plan(ptsdOnly().set("setting.ivKetamineCapable", false));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
            assertThat(ruleIds(p)).contains("MOD-04b");
        }

        @Test
        void esketamineForPtsdIsOffLabelAndTheSeriesStaysIv() {
            TreatmentPlan p = plan(ptsdOnly().set("preferredModality", "ESKETAMINE"));
            assertThat(ruleIds(p)).contains("MOD-03");
            assertThat(p.series().proposedType()).isEqualTo(SeriesType.PTSD_IV_KETAMINE_SERIES);
        }

        @Test
        void aCourseInProgressKeepsItsModality() {
            TreatmentPlan p = plan(course(trd(), "ESKETAMINE", 2, "MADRS", 32, 28));
            assertThat(ruleIds(p)).contains("MOD-01a");
            assertThat(p.series().type()).isEqualTo(SeriesType.ESKETAMINE_INDUCTION);
        }
    }

    @Nested
    class Dose {

        @ParameterizedTest(name = "{0} kg: {1} mg")
        @CsvSource({"70, 35.0", "83.3, 41.7", "20, 10.0"})
        void ivDoseIsHalfAMilligramPerKilogramOverFortyMinutes(double kg, double mg) {
            TreatmentPlan p = plan(trd().set("patient.weightKg", kg));
            assertThat(p.series().dose().mgPerKg()).isEqualTo(0.5);
            assertThat(p.series().dose().infusionMinutes()).isEqualTo(40);
            assertThat(p.series().dose().mgActualWeight()).isEqualTo(mg);
        }

        @ParameterizedTest(name = "{0} kg, {1} cm ({2}): IBW dosing {3}")
        @CsvSource({"119.6, 200, MALE, false", "120.0, 200, MALE, true", "120.4, 200, MALE, true",
                "81.6, 165, FEMALE, false", "81.7, 165, FEMALE, true"})
        void bmiOfThirtyOrMoreShowsTheIdealBodyWeightDose(double kg, double cm, String sex, boolean ibw) {
            TreatmentPlan p = plan(trd().set("patient.weightKg", kg).set("patient.heightCm", cm).set("patient.sex", sex));
            assertThat(flags(p).contains(FlagCode.IBW_DOSING)).isEqualTo(ibw);
            if (ibw) {
                double expectedIbw = "MALE".equals(sex) ? 93.1 : 56.9;  // Devine
                assertThat(p.series().dose().idealBodyWeightKg()).isEqualTo(expectedIbw);
                assertThat(p.series().dose().mgIdealWeight()).isEqualTo(Math.round(expectedIbw * 5) / 10.0);
                assertThat(ruleIds(p)).contains("DOSE-02a", "DOSE-02b");
            } else {
                assertThat(p.series().dose().mgIdealWeight()).isNull();
            }
        }

        @ParameterizedTest(name = "without {0}: missing by {1}")
        @CsvSource({"patient.weightKg, DOSE-01b", "patient.heightCm, DOSE-02c"})
        void ivDoseNeedsWeightAndHeight(String path, String rule) {
            TreatmentPlan p = plan(trd().remove(path));
            assertThat(p.missingData()).anySatisfy(m -> {
                assertThat(m.fact()).isEqualTo(path);
                assertThat(m.ruleId()).isEqualTo(rule);
            });
        }

        @ParameterizedTest(name = "site cap {0} mg for a 35 mg dose: review {1}")
        @CsvSource({"34.9, true", "35, false", "40, false"})
        void doseAboveTheSiteCapIsReviewed(String cap, boolean review, @TempDir Path dir) {
            RuleBase rb = TestRules.withParameter(dir, "IV_MAX_MG", cap);
            TreatmentPlan p = Plans.plan(rb, trd().bytes());
            assertThat(flags(p).contains(FlagCode.DOSE_CAP_REVIEW)).isEqualTo(review);
        }

        @Test
        void noSiteCapByDefault() {
            assertThat(flags(plan(trd().set("patient.weightKg", 300)))).doesNotContain(FlagCode.DOSE_CAP_REVIEW);
        }

        @ParameterizedTest(name = "requested {0} mg/kg: clearance {1}")
        @CsvSource({"0.5, false", "0.55, true", "0.75, true"})
        void titrationAboveHalfAMilligramPerKilogramNeedsClearance(double mgkg, boolean clearance) {
            TreatmentPlan p = plan(trd().set("requestedIvDoseMgPerKg", mgkg));
            assertThat(p.clearances().stream().anyMatch(c -> "DOSE-04".equals(c.ruleId()))).isEqualTo(clearance);
        }

        /** DOSE-06 as corrected: the US label has no geriatric starting dose; EU-type labels start at 28 mg. */
        @ParameterizedTest(name = "esketamine at {0} under the {1} label: day 1 {2}")
        @CsvSource({"64, US, 56 mg, DOSE-05", "65, US, 56 mg, DOSE-06a", "66, US, 56 mg, DOSE-06a",
                "64, EU, 56 mg, DOSE-05", "65, EU, 28 mg, DOSE-06b", "66, EU, 28 mg, DOSE-06b"})
        void esketamineStartingDoseByAgeAndLabel(int age, String region, String day1, String rule) {
            TreatmentPlan p = Plans.plan(TestRules.with("ESKETAMINE_LABEL_REGION", region),
                    trd().set("preferredModality", "ESKETAMINE").set("patient.ageYears", age).bytes());
            assertThat(p.series().dose().esketamine()).startsWith("Day 1: " + day1);
            assertThat(ruleIds(p)).contains(rule);
        }

        @ParameterizedTest(name = "course for acute suicidality at {0} under the {1} label: prescriber clearance {2}")
        @CsvSource({"64, EU, false", "65, EU, true", "66, EU, true", "65, US, false", "80, US, false"})
        void mdsiCourseIs84mgAndEuLabelsLimitItToUnder65(int age, String region, boolean clearance) {
            TreatmentPlan p = Plans.plan(TestRules.with("ESKETAMINE_LABEL_REGION", region),
                    trd().set("suicideScreen.intentWithPlan", true).set("patient.ageYears", age).bytes());
            assertThat(ruleIds(p)).contains("DOSE-07a");
            assertThat(p.series().dose().esketamine()).startsWith("84 mg");
            assertThat(p.clearances().stream().anyMatch(c -> "DOSE-07b".equals(c.ruleId()))).isEqualTo(clearance);
        }

        /** DOSE-02b: the Devine formula is undefined under 60 inches; never below its base weight. */
        @ParameterizedTest(name = "{0} {1} cm, 90 kg: ideal weight {2} kg, review flag {3}")
        @CsvSource({"FEMALE, 151, 45.5, true", "FEMALE, 152, 45.5, false", "FEMALE, 153, 46.0, false",
                "MALE, 140, 50.0, true", "MALE, 152.4, 50.0, false", "MALE, 170, 65.9, false"})
        void idealBodyWeightNeverBelowTheFormulasBase(String sex, double heightCm, double ibw, boolean review) {
            TreatmentPlan p = plan(trd().set("patient.sex", sex).set("patient.heightCm", heightCm)
                    .set("patient.weightKg", 90.0));
            assertThat(p.series().dose().idealBodyWeightKg()).isEqualTo(ibw);
            assertThat(p.flagDetails().stream().anyMatch(f -> f.flag() == FlagCode.DOSE_CAP_REVIEW
                    && "DOSE-02e".equals(f.ruleId()))).isEqualTo(review);
        }
    }

    @Nested
    class Series {

        @Test
        void ivInductionIsSixInfusionsTwiceWeeklyFromTomorrow() {
            TreatmentPlan p = plan(trd());
            assertThat(p.series().type()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
            assertThat(p.series().sessions()).isEqualTo(6);
            assertThat(p.series().schedule()).containsExactly(LocalDate.parse("2026-11-22"), LocalDate.parse("2026-11-25"),
                    LocalDate.parse("2026-11-29"), LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-06"),
                    LocalDate.parse("2026-12-09"));
            assertSpacing(p.series().schedule(), 2);
            assertThat(ruleIds(p)).contains("IND-01a", "IND-06a", "SUI-07", "RESP-07");
        }

        @Test
        void esketamineInductionIsEightSessionsOverFourWeeks() {
            TreatmentPlan p = plan(trd().set("preferredModality", "ESKETAMINE"));
            assertThat(p.series().schedule()).hasSize(8).first().isEqualTo(AS_OF.plusDays(1));
            assertSpacing(p.series().schedule(), 2);
            assertThat(p.series().schedule().get(7)).isBefore(AS_OF.plusDays(1 + 28));
            assertThat(ruleIds(p)).contains("IND-02a", "IND-06b");
        }

        /** PTSD-01: a psychiatrist considers the PTSD series before any date is set. */
        @Test
        void ptsdSeriesIsSixInfusionsOverTwoWeeksAfterAPsychiatristsReview() {
            TreatmentPlan p = plan(ptsdOnly());
            assertThat(p.series().type()).isEqualTo(SeriesType.DEFER);
            assertThat(p.series().proposedType()).isEqualTo(SeriesType.PTSD_IV_KETAMINE_SERIES);
            assertThat(p.series().sessions()).isEqualTo(6);
            assertThat(p.clearances()).anySatisfy(c -> {
                assertThat(c.reviewer()).isEqualTo(Reviewer.PSYCHIATRY);
                assertThat(c.ruleId()).isEqualTo("PTSD-01f");
            });
            var result = org.ketaplan.engine.PlanEngine.run(TestRules.ruleBase(), FactMapper.facts(
                    Plans.reader().read(ptsdOnly().bytes()), AS_OF, TestRules.ruleBase().terminology()));
            List<Integer> offsets = result.itemsOf(SessionSpacing.class).stream()
                    .map(x -> ((SessionSpacing) x.item()).dayOffsets()).findFirst().orElseThrow();
            List<LocalDate> dates = PlanService.schedule(offsets, AS_OF,
                    new org.ketaplan.facts.Course(null, 0, null, null, null, null));
            assertThat(dates).hasSize(6);
            assertSpacing(dates, 3);
            assertThat(dates.get(5)).isBefore(AS_OF.plusDays(1 + 14));
        }

        @Test
        void midCourseSchedulesOnlyTheRemainingSessions() {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 4, "MADRS", 32, 20));
            assertThat(p.series().sessionsGiven()).isEqualTo(4);
            assertThat(p.series().schedule()).containsExactly(LocalDate.parse("2026-11-22"), LocalDate.parse("2026-11-25"));
        }

        @ParameterizedTest(name = "{0} infusions given: induction complete {1}")
        @CsvSource({"5, false", "6, true", "7, true"})
        void sixInfusionsCompleteTheIvInduction(int given, boolean complete) {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", given, "MADRS", 32, 12));
            assertThat(ruleIds(p).contains("IND-01b")).isEqualTo(complete);
            assertThat(p.series().schedule().isEmpty()).isEqualTo(complete);
        }

        @ParameterizedTest(name = "{0} esketamine sessions given: induction complete {1}")
        @CsvSource({"7, false", "8, true"})
        void eightSessionsCompleteTheEsketamineInduction(int given, boolean complete) {
            TreatmentPlan p = plan(course(trd(), "ESKETAMINE", given, "MADRS", 32, 12));
            assertThat(ruleIds(p).contains("IND-02b")).isEqualTo(complete);
        }

        @ParameterizedTest(name = "after {0} infusions, MADRS 30 -> {1}: early non-response {2}")
        @CsvSource({"3, 25, true", "3, 24, false", "4, 25, true", "5, 25, true", "2, 29, false", "6, 29, false"})
        void littleImprovementAfterThreeToFiveInfusionsIsEarlyNonResponse(int given, int madrs, boolean early) {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", given, "MADRS", 30, madrs));
            assertThat(flags(p).contains(FlagCode.EARLY_NONRESPONSE)).isEqualTo(early);
            assertThat(p.findings().responseStatus() == ResponseStatus.EARLY_NONRESPONSE).isEqualTo(early);
            if (early) {
                assertThat(ruleIds(p)).contains("IND-04", "IND-04b");
            }
        }

        @Test
        void esketamineEarlyNonResponseIsNotAReasonToStop() {
            TreatmentPlan p = plan(course(trd(), "ESKETAMINE", 2, "MADRS", 30, 29));
            assertThat(p.notes()).anySatisfy(n -> assertThat(n.ruleId()).isEqualTo("IND-05"));
            assertThat(p.maintenance().type()).isNotEqualTo(MaintenanceType.STOP);
        }

        @Test
        void nothingIsScheduledUnlessEligibleAndRoutine() {
            assertThat(plan(trd().set("suicideScreen.methodWithoutIntent", true)).series().schedule()).isEmpty();
            assertThat(plan(trd().set("diagnoses.bipolarDisorder", "BIPOLAR_II")).series()).satisfies(s -> {
                assertThat(s.type()).isEqualTo(SeriesType.DEFER);
                assertThat(s.proposedType()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
                assertThat(s.schedule()).isEmpty();
            });
        }

        private void assertSpacing(List<LocalDate> dates, int maxPerWeek) {
            for (int i = 1; i < dates.size(); i++) {
                assertThat(dates.get(i)).isAfterOrEqualTo(dates.get(i - 1).plusDays(2));
            }
            for (LocalDate d : dates) {
                long inWeek = dates.stream().filter(x -> !x.isBefore(d) && x.isBefore(d.plusDays(7))).count();
                assertThat(inWeek).isLessThanOrEqualTo(maxPerWeek);
            }
        }
    }

    @Nested
    class Response {

        @ParameterizedTest(name = "MADRS 32 -> {0} after 6 infusions: {1}")
        @CsvSource({"16, RESPONDER", "17, PARTIAL_RESPONDER", "24, PARTIAL_RESPONDER", "25, NON_RESPONDER",
                "11, RESPONDER", "10, REMITTER", "0, REMITTER"})
        void responseBandsOnMadrs(int current, ResponseStatus expected) {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, current));
            assertThat(p.findings().responseStatus()).isEqualTo(expected);
        }

        @Test
        void remissionCutOffIsAParameter(@TempDir Path dir) {
            RuleBase rb = TestRules.withParameter(dir, "MADRS_REMISSION", "12");
            TreatmentPlan p = Plans.plan(rb, course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 12).bytes());
            assertThat(p.findings().responseStatus()).isEqualTo(ResponseStatus.REMITTER);
        }

        @ParameterizedTest(name = "PHQ-9 19 -> {0} (no MADRS): {1}")
        @CsvSource({"4, REMITTER", "5, RESPONDER", "9, RESPONDER", "10, PARTIAL_RESPONDER"})
        void phq9GovernsWithoutMadrs(int current, ResponseStatus expected) {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "PHQ9", 19, current));
            assertThat(p.findings().responseStatus()).isEqualTo(expected);
            assertThat(ruleIds(p)).contains("RESP-08b");
        }

        @Test
        void qidsGovernsWhenAlone() {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "QIDS_SR16", 20, 10));
            assertThat(p.findings().responseStatus()).isEqualTo(ResponseStatus.RESPONDER);
            assertThat(ruleIds(p)).contains("RESP-08c", "RESP-01");
        }

        @Test
        void partialResponseBeforeTheEndOfInductionIsNotNonResponse() {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 5, "MADRS", 32, 25));
            assertThat(p.findings().responseStatus()).isEqualTo(ResponseStatus.IN_PROGRESS);
        }

        @ParameterizedTest(name = "MADRS 32 -> {0}, PHQ-9 19 -> {1}: discordant {2}")
        @CsvSource({"14, 15, true", "14, 9, false", "20, 9, true", "20, 15, false"})
        void madrsAndPhq9DisagreeingIsFlaggedAndMadrsGoverns(int madrs, int phq9, boolean discordant) {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, madrs, "PHQ9", 19, phq9));
            assertThat(flags(p).contains(FlagCode.DISCORDANT_MEASURES)).isEqualTo(discordant);
            assertThat(p.findings().responseStatus()).isEqualTo(madrs <= 16 ? ResponseStatus.RESPONDER
                    : ResponseStatus.PARTIAL_RESPONDER);
        }

        @ParameterizedTest(name = "CAPS-5 50 -> {0}: PTSD responder {1}")
        @CsvSource({"36, false", "35, true", "20, true"})
        void caps5ThirtyPercentIsPtsdResponse(int caps5, boolean responder) {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 12, "CAPS5", 50, caps5));
            assertThat(p.findings().ptsdResponse().contains("PTSD_RESPONDER")).isEqualTo(responder);
        }

        @ParameterizedTest(name = "PCL-5 50 -> {0}: {1}")
        @CsvSource({"46, ", "45, PCL5_RELIABLE_CHANGE", "41, PCL5_RELIABLE_CHANGE", "40, PCL5_CLINICALLY_MEANINGFUL",
                "32, PCL5_CLINICALLY_MEANINGFUL"})
        void pcl5ChangeBands(int pcl5, String expected) {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 12, "PCL5", 50, pcl5));
            List<String> bands = p.findings().ptsdResponse().stream().filter(s -> s.startsWith("PCL5_")).toList();
            assertThat(bands).isEqualTo(expected == null ? List.of() : List.of(expected));
            assertThat(p.findings().ptsdResponse().contains("BELOW_PCL5_CUTOFF")).isEqualTo(pcl5 < 33);
        }

        @ParameterizedTest(name = "relapse scores {0} days apart: relapse {1}")
        @CsvSource({"6, false", "7, true", "8, true"})
        void relapseNeedsTwoConsecutiveScoresAWeekApart(int daysApart, boolean relapse) {
            Requests r = course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 22);
            String first = AS_OF.minusDays(daysApart).toString();
            r.setJson("assessments", "[" + String.join(",", score("PHQ9_ITEM9", 0, "2026-11-20"),
                    score("MADRS", 32, "2026-10-20"), score("MADRS", 12, "2026-11-12"), score("MADRS", 20, first),
                    score("MADRS", 22, AS_OF.toString())) + "]");
            TreatmentPlan p = plan(r);
            assertThat(p.findings().responseStatus() == ResponseStatus.RELAPSE).isEqualTo(relapse);
            assertThat(p.maintenance().type() == MaintenanceType.RESCUE_BOOSTER_OR_MINI_SERIES).isEqualTo(relapse);
        }

        @Test
        void noRelapseWithoutAnEarlierResponse() {
            Requests r = course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 22);
            r.setJson("assessments[3]", score("MADRS", 20, "2026-11-10"));
            TreatmentPlan p = plan(r);
            assertThat(p.findings().responseStatus()).isNotEqualTo(ResponseStatus.RELAPSE);
        }
    }

    @Nested
    class Maintenance {

        @ParameterizedTest(name = "{0} after {1} sessions, MADRS 32 -> {2}: {3} by {4}")
        @CsvSource({
                "IV_KETAMINE, 2, 20, DECIDE_AT_END_OF_INDUCTION, MAINT-03a",
                "IV_KETAMINE, 6, 28, STOP, MAINT-01",
                "IV_KETAMINE, 6, 14, INDIVIDUALIZED_TAPER, MAINT-03b",
                "IV_KETAMINE, 6, 8, INDIVIDUALIZED_TAPER, MAINT-03b",
                "IV_KETAMINE, 6, 20, EXTEND_OR_SWITCH_REVIEW, MAINT-04",
                "ESKETAMINE, 8, 14, ESKETAMINE_LABEL_MAINTENANCE, MAINT-02",
                "ESKETAMINE, 8, 28, STOP, MAINT-01"})
        void maintenanceFollowsTheResponseAtTheEndOfInduction(String modality, int given, int madrs,
                                                              MaintenanceType type, String rule) {
            TreatmentPlan p = plan(course(trd().set("preferredModality", modality), modality, given, "MADRS", 32, madrs));
            assertThat(p.maintenance().type()).isEqualTo(type);
            assertThat(p.maintenance().ruleId()).isEqualTo(rule);
            if (type == MaintenanceType.INDIVIDUALIZED_TAPER || type == MaintenanceType.ESKETAMINE_LABEL_MAINTENANCE) {
                // MAINT-03 as corrected: three months after the last induction session, not after asOf.
                LocalDate lastInduction = LocalDate.parse(SESSIONS.get(modality.equals("ESKETAMINE") ? 7 : 5));
                assertThat(p.maintenance().reviewBy()).isEqualTo(lastInduction.plusMonths(3));
                assertThat(p.monitoring()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("MAINT-06"));
                assertThat(p.adjuncts()).anySatisfy(a -> assertThat(a.type()).isEqualTo(AdjunctType.CONTINUE_ORAL_ANTIDEPRESSANT));
                assertThat(ruleIds(p)).contains("MAINT-07");
            }
            if (type == MaintenanceType.STOP) {
                assertThat(p.maintenance().detail()).contains("ECT");
            }
        }

        @ParameterizedTest(name = "asOf {0}: review date stays three months after the 6th infusion")
        @CsvSource({"2026-11-21", "2026-12-21", "2027-01-20"})
        void reviewDateIsFixedByTheEndOfInductionNotByThePlanDate(String asOf) {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 14).set("asOf", asOf));
            assertThat(p.maintenance().type()).isEqualTo(MaintenanceType.INDIVIDUALIZED_TAPER);
            assertThat(p.maintenance().reviewBy()).isEqualTo(LocalDate.parse("2027-02-12"));
        }

        @ParameterizedTest(name = "MAINT_REVIEW_MONTHS {0}: review on {1}")
        @CsvSource({"2, 2027-01-12", "3, 2027-02-12", "4, 2027-03-12"})
        void reviewIntervalIsAParameter(String months, String reviewBy) {
            TreatmentPlan p = Plans.plan(TestRules.with("MAINT_REVIEW_MONTHS", months),
                    course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 14).bytes());
            assertThat(p.maintenance().reviewBy()).isEqualTo(LocalDate.parse(reviewBy));
        }

        @Test
        void notIndicatedPlansGetNoMaintenanceOrAdjuncts() {
            TreatmentPlan p = plan(trd().set("treatmentHistory.adequateAntidepressantTrials", 1).set("diagnoses.ptsd", "NONE"));
            assertThat(p.maintenance().type()).isEqualTo(MaintenanceType.NOT_APPLICABLE);
            assertThat(p.adjuncts()).isEmpty();
        }
    }

    @Nested
    class PsychotherapyAndAdjuncts {

        @Test
        void everyPlannedSeriesGetsAdjuncts() {
            TreatmentPlan p = plan(trd());
            assertThat(p.adjuncts()).extracting(TreatmentPlan.AdjunctItem::ruleId)
                    .containsExactlyInAnyOrder("ADJ-01", "ADJ-02", "ADJ-03a", "ADJ-03b");
        }

        @Test
        void noOralAntidepressantNoContinueAdjunct() {
            TreatmentPlan p = plan(trd().setJson("medications", "[]"));
            assertThat(p.adjuncts()).extracting(TreatmentPlan.AdjunctItem::type)
                    .doesNotContain(AdjunctType.CONTINUE_ORAL_ANTIDEPRESSANT);
        }

        @Test
        void responderGetsCbtToSustainTheResponse() {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 14));
            assertThat(p.psychotherapy()).anySatisfy(t -> {
                assertThat(t.type()).isEqualTo(PsychotherapyType.CBT_TO_SUSTAIN_RESPONSE);
                assertThat(t.ruleId()).isEqualTo("PSY-04");
            });
        }

        @Test
        void ptsdWithActiveSubstanceUseStillGetsTraumaFocusedTherapy() {
            TreatmentPlan p = plan(trd().set("substanceUse.activeDisorderSeverity", "SEVERE"));
            assertThat(p.psychotherapy()).extracting(TreatmentPlan.PsychotherapyItem::type)
                    .contains(PsychotherapyType.TRAUMA_FOCUSED, PsychotherapyType.SUD_TREATMENT);
            assertThat(p.notes()).anySatisfy(n -> assertThat(n.ruleId()).isEqualTo("PSY-02"));
        }

        @Test
        void psychotherapyIsScheduledOutsideThePostDoseWindow() {
            assertThat(plan(trd()).monitoring()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("PSY-06"));
        }

        @Test
        void noPtsdNoTraumaFocusedTherapy() {
            TreatmentPlan p = plan(trd().set("diagnoses.ptsd", "NONE"));
            assertThat(p.psychotherapy()).extracting(TreatmentPlan.PsychotherapyItem::type)
                    .containsExactly(PsychotherapyType.DEPRESSION_EBP);
        }

        @ParameterizedTest(name = "{0}: guideline against by {1}")
        @CsvSource(delimiter = '|', value = {
                "medications[1] | {\"name\":\"lorazepam\",\"dailyDoseMg\":1} | PSY-07a",
                "medications[1] | {\"name\":\"nabilone\",\"dailyDoseMg\":1} | PSY-07b",
                "substanceUse.substances | [\"cannabis\"] | PSY-07b"})
        void benzodiazepinesAndCannabisAreAgainstPtsdGuidelines(String path, String json, String rule) {
            TreatmentPlan p = plan(trd().setJson(path, json));
            assertThat(p.flagDetails()).anySatisfy(f -> {
                assertThat(f.flag()).isEqualTo(FlagCode.GUIDELINE_AGAINST);
                assertThat(f.ruleId()).isEqualTo(rule);
            });
        }

        @Test
        void benzodiazepineWithoutPtsdIsNotAgainstPtsdGuidelines() {
            TreatmentPlan p = plan(trd().set("diagnoses.ptsd", "NONE").setJson("medications[1]", "{\"name\":\"lorazepam\",\"dailyDoseMg\":1}"));
            assertThat(p.flags()).doesNotContain(FlagCode.GUIDELINE_AGAINST);
        }
    }

    @Nested
    class Monitoring {

        @Test
        void ivSessionsAreMonitoredEveryTenToFifteenMinutes() {
            TreatmentPlan p = plan(trd());
            assertThat(p.monitoring()).extracting(TreatmentPlan.MonitoringItem::ruleId)
                    .contains("MON-01", "MON-03", "MON-04", "MON-05").doesNotContain("MON-02", "MON-06");
        }

        @Test
        void esketamineSessionsFollowTheRems() {
            TreatmentPlan p = plan(trd().set("preferredModality", "ESKETAMINE"));
            assertThat(p.monitoring()).extracting(TreatmentPlan.MonitoringItem::ruleId).contains("MON-02")
                    .doesNotContain("MON-01");
        }

        @Test
        void pauseAndOxygenThresholdsComeFromTheParameters(@TempDir Path dir) {
            assertThat(plan(trd()).monitoring()).anySatisfy(m -> assertThat(m.text()).contains("180/110"))
                    .anySatisfy(m -> assertThat(m.text()).contains("SpO2 below 92%"));
            RuleBase rb = TestRules.withParameter(dir, "BP_PAUSE_DIASTOLIC", "105");
            assertThat(Plans.plan(rb, trd().bytes()).monitoring()).anySatisfy(m -> assertThat(m.text()).contains("180/105"));
        }

        @Test
        void repeatedIvCoursesMonitorLiverBladderAndMisuse() {
            TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 2, "MADRS", 32, 20));
            assertThat(p.monitoring()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("MON-06"));
        }
    }
}
