package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.complete;
import static org.ketaplan.plan.RuleTests.missingFacts;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.PsychotherapyType;
import org.ketaplan.conclusions.RiskLevel;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.conclusions.TriageLevel;

/**
 * The rules of {@code rules/ketamine/suicidality.drl} on the real rule set: each rule, and each number below, at and
 * above its threshold.
 */
class SuicidalityRulesTest {

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
