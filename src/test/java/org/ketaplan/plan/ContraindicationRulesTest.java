package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.clearanceRules;
import static org.ketaplan.plan.RuleTests.complete;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.flagRules;
import static org.ketaplan.plan.RuleTests.score;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.PsychotherapyType;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.facts.Reviewer;

/**
 * The rules of {@code rules/ketamine/contraindications.drl} on the real rule set: each rule, and each number below,
 * at and above its threshold.
 */
class ContraindicationRulesTest {

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
