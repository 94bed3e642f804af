package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.flags;
import static org.ketaplan.plan.RuleTests.ptsdOnly;
import static org.ketaplan.plan.RuleTests.score;
import static org.ketaplan.plan.RuleTests.trd;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.PsychotherapyType;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.TestRules;

/**
 * The rules of {@code rules/ketamine/indication.drl} on the real rule set: each rule, and each number below, at and
 * above its threshold.
 */
class IndicationRulesTest {

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

    /** asOf is 2026-11-21; ADEQUATE_TRIAL_WEEKS is 6 (42 days); sertraline counts from 50 mg, fluoxetine from 20 mg. */
    private static Requests withTrials(String... trials) {
        return trd().remove("treatmentHistory.adequateAntidepressantTrials")
                .setJson("treatmentHistory.antidepressantTrials", "[" + String.join(",", trials) + "]");
    }

    private static String trial(String drug, int mg, String start, String end) {
        return "{\"drug\":\"" + drug + "\",\"dailyDoseMg\":" + mg + ",\"startDate\":\"" + start + "\""
                + (end == null ? "" : ",\"endDate\":\"" + end + "\"") + "}";
    }

    @ParameterizedTest(name = "sertraline {0} mg for {1} days, fluoxetine 20 mg for 60 days: TRD {2}")
    @CsvSource({"49, 60, false", "50, 60, true", "51, 60, true", "50, 41, false", "50, 42, true", "50, 43, true"})
    void twoAdequateTrialsInTheRecordMakeTheCount(int sertralineMg, int days, boolean trd) {
        java.time.LocalDate end = java.time.LocalDate.parse("2026-10-01");
        TreatmentPlan p = plan(withTrials(
                trial("Sertraline", sertralineMg, end.minusDays(days).toString(), end.toString()),
                trial("fluoxetine", 20, "2026-09-22", null)));
        assertThat(ruleIds(p).contains("DX-02b")).isEqualTo(trd);
        assertThat(ruleIds(p).contains("DX-02c")).isEqualTo(!trd);
        if (trd) {
            assertThat(p.findings().treatmentResistantDepression()).isTrue();
            assertThat(ruleIds(p)).contains("DX-01a").doesNotContain("DX-04");
            assertThat(p.notes()).anySatisfy(n -> {
                assertThat(n.ruleId()).isEqualTo("DX-02b");
                assertThat(n.text()).startsWith("2 adequate antidepressant trials").contains("fluoxetine, sertraline");
            });
        } else {
            // One adequate trial in the record is not "one trial": the count stays the clinician's to give.
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INSUFFICIENT_DATA);
            assertThat(ruleIds(p)).contains("DX-04").doesNotContain("DX-03a", "DX-03b");
            assertThat(p.notes()).anySatisfy(n -> {
                assertThat(n.ruleId()).isEqualTo("DX-02c");
                assertThat(n.text()).contains("fluoxetine, sertraline").contains("1 reached");
            });
        }
    }

    @Test
    void theSameDrugTwiceIsOneTrial() {
        TreatmentPlan p = plan(withTrials(trial("sertraline", 100, "2025-01-01", "2025-06-01"),
                trial("sertraline", 150, "2026-01-01", null)));
        assertThat(ruleIds(p)).contains("DX-02c", "DX-04").doesNotContain("DX-02b");
    }

    @Test
    void aDrugWithoutAnAdequateDoseInTheTableIsListedNotCounted() {
        TreatmentPlan p = plan(withTrials(trial("clomipramine", 250, "2025-01-01", "2025-06-01"),
                trial("sertraline", 100, "2026-01-01", null)));
        assertThat(ruleIds(p)).contains("DX-02c").doesNotContain("DX-02b");
    }

    @Test
    void theClinicianCountWinsOverTheRecord() {
        TreatmentPlan p = plan(withTrials(trial("sertraline", 100, "2025-01-01", "2025-06-01"),
                trial("fluoxetine", 40, "2026-01-01", null)).set("treatmentHistory.adequateAntidepressantTrials", 1));
        assertThat(ruleIds(p)).doesNotContain("DX-02b", "DX-02c").contains("DX-03b");
        assertThat(p.findings().treatmentResistantDepression()).isFalse();
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
