package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.clearanceRules;
import static org.ketaplan.plan.RuleTests.complete;
import static org.ketaplan.plan.RuleTests.flagRules;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.SessionDecision;
import org.ketaplan.facts.Reviewer;
import org.ketaplan.ruleset.TestRules;

/**
 * The rules of {@code rules/ketamine/relative-contraindications.drl} on the real rule set: each rule, and each
 * number below, at and above its threshold. Blood pressure, whose bands run from the relative contraindication
 * (RC-01) to the hard stop (CI-09), is one group.
 */
class RelativeContraindicationRulesTest {

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
        void oldHighReadingStillStopsUntilANewerOneReplacesIt() {
            TreatmentPlan p = plan(complete().vitals(200, 120).set("vitals[0].date", "2026-10-01"));
            // MD-01b (19.2): a stale reading never clears a stop; and a stale BP blocks the plan (MD-01).
            assertThat(ruleIds(p)).contains("MD-01a", "CI-09b").doesNotContain("CI-09");
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
            assertThat(p.series().schedule()).isEmpty();
        }

        @Test
        void aNewerNormalReadingReplacesAnOldHighOne() {
            TreatmentPlan p = plan(complete().vitals(200, 120).set("vitals[0].date", "2026-10-01")
                    .setJson("vitals[1]", "{\"date\":\"2026-11-20\",\"systolic\":128,\"diastolic\":82,\"heartRate\":76,\"spo2\":98}"));
            assertThat(ruleIds(p)).doesNotContain("CI-09", "CI-09b", "MD-01a");
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
        }

        @Test
        void theMostRecentReadingCounts() {
            TreatmentPlan p = plan(complete().vitals(190, 110).set("vitals[0].date", "2026-11-10")
                    .setJson("vitals[1]", "{\"date\":\"2026-11-20\",\"systolic\":130,\"diastolic\":80,\"heartRate\":70}"));
            assertThat(ruleIds(p)).doesNotContain("CI-09");
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
        }
    }
}
