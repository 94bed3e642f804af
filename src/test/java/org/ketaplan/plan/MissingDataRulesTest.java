package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.complete;
import static org.ketaplan.plan.RuleTests.missingFacts;
import static org.ketaplan.plan.RuleTests.score;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;

/**
 * The rules of {@code rules/ketamine/missing-data.drl} on the real rule set: each rule, and each number below, at
 * and above its threshold. With the rows of {@code rules/required-facts.csv}.
 */
class MissingDataRulesTest {

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
