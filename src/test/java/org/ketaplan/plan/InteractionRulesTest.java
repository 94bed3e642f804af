package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.RuleTests.complete;
import static org.ketaplan.plan.RuleTests.flagRules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.facts.Reviewer;

/**
 * The rules of {@code rules/ketamine/interactions.drl} on the real rule set: each rule, and each number below, at
 * and above its threshold.
 */
class InteractionRulesTest {

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
