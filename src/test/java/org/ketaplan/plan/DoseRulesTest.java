package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.flags;
import static org.ketaplan.plan.RuleTests.trd;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.TestRules;

/**
 * The rules of {@code rules/ketamine/dose.drl} on the real rule set: each rule, and each number below, at and above
 * its threshold.
 */
class DoseRulesTest {

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
