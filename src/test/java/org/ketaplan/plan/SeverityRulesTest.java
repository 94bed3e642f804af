package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.complete;
import static org.ketaplan.plan.RuleTests.score;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.SeverityLevel;

/**
 * The rules of {@code rules/ketamine/severity.drl} on the real rule set: each rule, and each number below, at and
 * above its threshold.
 */
class SeverityRulesTest {

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
