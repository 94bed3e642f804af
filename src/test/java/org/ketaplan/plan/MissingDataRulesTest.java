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
import org.ketaplan.conclusions.NeededBy;
import org.ketaplan.conclusions.SessionDecision;

/**
 * The rules of {@code rules/ketamine/missing-data.drl} on the real rule set: each rule, and each number below, at
 * and above its threshold. With the rows of {@code rules/required-facts.csv}.
 */
class MissingDataRulesTest {

    /**
     * Each fact a rule asks for, absent: listed with its rule and by when it is needed (clinical-spec 17.4). A
     * BLOCKS_PLAN fact keeps the plan from ELIGIBLE; a FIRST_SESSION fact leaves it ELIGIBLE but holds the first
     * session until it is entered. {@code given}: facts that make the question apply (skip logic).
     */
    @ParameterizedTest(name = "without {0}: missing {1} by {2}, needed by {3}")
    @CsvSource({
            "patient.ageYears, patient.ageYears, CI-04b, BLOCKS_PLAN, ",
            "patient.pregnancyStatus, patient.pregnancyStatus, MD-02a, BLOCKS_PLAN, ",
            "patient.breastfeeding, patient.breastfeeding, MD-02c, BLOCKS_PLAN, ",
            "diagnoses.psychoticFeatures, diagnoses.psychoticFeatures, MD-03a, BLOCKS_PLAN, ",
            "diagnoses.primaryPsychoticDisorder, diagnoses.primaryPsychoticDisorder, MD-03b, BLOCKS_PLAN, ",
            "diagnoses.currentManicHypomanicOrMixedEpisode, diagnoses.currentManicHypomanicOrMixedEpisode, MD-03c, BLOCKS_PLAN, ",
            "diagnoses.bipolarDisorder, diagnoses.bipolarDisorder, MD-03d, BLOCKS_PLAN, ",
            "diagnoses.priorManicOrHypomanicEpisode, diagnoses.priorManicOrHypomanicEpisode, MD-03e, BLOCKS_PLAN, ",
            "substanceUse.activeDisorderSeverity, substanceUse.activeDisorderSeverity, MD-03f, BLOCKS_PLAN, ",
            "substanceUse.pastDisorder, substanceUse.pastDisorder, MD-03g, FIRST_SESSION, ",
            "substanceUse.priorKetamineMisuse, substanceUse.priorKetamineMisuse, MD-03h, FIRST_SESSION, ",
            "medications, medications, MD-03i, BLOCKS_PLAN, ",
            "medicalHistory.aneurysmalVascularDisease, medicalHistory.aneurysmalVascularDisease, MD-03j, BLOCKS_PLAN, ",
            "medicalHistory.arteriovenousMalformation, medicalHistory.arteriovenousMalformation, MD-03k, BLOCKS_PLAN, ",
            "medicalHistory.intracerebralHemorrhage, medicalHistory.intracerebralHemorrhage, MD-03l, BLOCKS_PLAN, ",
            "medicalHistory.ketamineHypersensitivity, medicalHistory.ketamineHypersensitivity, CI-03b, BLOCKS_PLAN, ",
            "medicalHistory.elevatedIntracranialPressure, medicalHistory.elevatedIntracranialPressure, CI-10c, BLOCKS_PLAN, ",
            "medicalHistory.recentStrokeOrBrainInjury, medicalHistory.recentStrokeOrBrainInjury, CI-10d, BLOCKS_PLAN, ",
            "medicalHistory.unstableCardiacDisease, medicalHistory.unstableCardiacDisease, CI-11b, BLOCKS_PLAN, ",
            "medicalHistory.preeclampsia, medicalHistory.preeclampsia, CI-12b, BLOCKS_PLAN, patient.breastfeeding=true",
            "medicalHistory.hepaticImpairment, medicalHistory.hepaticImpairment, CI-14b, BLOCKS_PLAN, ",
            "medicalHistory.hypertension, medicalHistory.hypertension, RC-03d, FIRST_SESSION, ",
            "medicalHistory.stableCoronaryDisease, medicalHistory.stableCoronaryDisease, RC-03e, FIRST_SESSION, ",
            "medicalHistory.hypertensiveEncephalopathy, medicalHistory.hypertensiveEncephalopathy, RC-04b, FIRST_SESSION, ",
            "medicalHistory.interstitialCystitis, medicalHistory.interstitialCystitis, RC-10b, FIRST_SESSION, ",
            "medicalHistory.uncontrolledHyperthyroidism, medicalHistory.uncontrolledHyperthyroidism, RC-11b, FIRST_SESSION, ",
            "setting.ivKetamineCapable, setting.ivKetamineCapable, CI-15b, BLOCKS_PLAN, ",
            "setting.esketamineRemsCertified, setting.esketamineRemsCertified, CI-15c, BLOCKS_PLAN, ",
            "suicideScreen.wishToBeDead, suicideScreen.wishToBeDead, MD-04c, BLOCKS_PLAN, ",
            "suicideScreen.nonSpecificActiveThoughts, suicideScreen.nonSpecificActiveThoughts, MD-04d, BLOCKS_PLAN, ",
            "suicideScreen.methodWithoutIntent, suicideScreen.methodWithoutIntent, MD-04e, BLOCKS_PLAN, suicideScreen.nonSpecificActiveThoughts=true",
            "suicideScreen.intentWithoutPlan, suicideScreen.intentWithoutPlan, MD-04f, BLOCKS_PLAN, suicideScreen.nonSpecificActiveThoughts=true",
            "suicideScreen.intentWithPlan, suicideScreen.intentWithPlan, MD-04g, BLOCKS_PLAN, suicideScreen.nonSpecificActiveThoughts=true",
            "suicideScreen.imminentDanger, suicideScreen.imminentDanger, MD-04i, BLOCKS_PLAN, suicideScreen.nonSpecificActiveThoughts=true;suicideScreen.intentWithoutPlan=true",
            "treatmentHistory.adequateAntidepressantTrials, treatmentHistory.adequateAntidepressantTrials, MD-05, BLOCKS_PLAN, ",
            "vitals[0].heartRate, vitals[].heartRate, MD-01b, FIRST_SESSION, "})
    void absentFactIsListedAndNeededByItsTime(String removed, String fact, String rule, NeededBy neededBy, String given) {
        Requests r = complete();
        if (given != null) {
            for (String assignment : given.split(";")) {
                int eq = assignment.indexOf('=');
                r.set(assignment.substring(0, eq), Boolean.valueOf(assignment.substring(eq + 1)));
            }
        }
        TreatmentPlan p = plan(r.remove(removed));
        assertThat(p.missingData()).anySatisfy(m -> {
            assertThat(m.fact()).isEqualTo(fact);
            assertThat(m.ruleId()).isEqualTo(rule);
            assertThat(m.neededBy()).isEqualTo(neededBy);
        });
        if (neededBy == NeededBy.BLOCKS_PLAN) {
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INSUFFICIENT_DATA);
            assertThat(p.series().schedule()).isEmpty();
        } else {
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.HOLD);
            assertThat(p.nextSession().checks()).anySatisfy(c -> assertThat(c.check()).contains(fact));
        }
    }

    /** Skip logic (17.4): a question that cannot matter is not asked. */
    @ParameterizedTest(name = "without {0} when {1}: not asked")
    @CsvSource(delimiter = '|', value = {
            "suicideScreen.methodWithoutIntent | suicideScreen.nonSpecificActiveThoughts=false | MD-04e",
            "suicideScreen.intentWithoutPlan | suicideScreen.nonSpecificActiveThoughts=false | MD-04f",
            "suicideScreen.intentWithPlan | suicideScreen.nonSpecificActiveThoughts=false | MD-04g",
            "suicideScreen.imminentDanger | suicideScreen.intentWithoutPlan=false | MD-04i",
            "medicalHistory.preeclampsia | patient.breastfeeding=false | CI-12b",
            "patient.childbearingPotential | patient.sex=MALE | MD-02b",
            "patient.breastfeeding | patient.sex=MALE | MD-02c"})
    void aQuestionThatCannotMatterIsNotAsked(String removed, String given, String rule) {
        String path = given.substring(0, given.indexOf('='));
        String value = given.substring(given.indexOf('=') + 1);
        Requests r = complete().set(path, value.equals("MALE") ? value : Boolean.valueOf(value));
        if (value.equals("MALE")) {
            r.remove("patient.pregnancyStatus").remove("patient.childbearingPotential");
        }
        TreatmentPlan p = plan(r.remove(removed));
        assertThat(ruleIds(p)).doesNotContain(rule);
        assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
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
