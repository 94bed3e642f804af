package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.AS_OF;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.missingFacts;
import static org.ketaplan.plan.RuleTests.score;
import static org.ketaplan.plan.RuleTests.trd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.ResponseStatus;
import org.ketaplan.conclusions.SeverityLevel;

/**
 * The rules of {@code rules/ketamine/scores.drl} on the real rule set: which score is current (SCO-01, within
 * SCORE_MAX_AGE_DAYS = 30 before a new series, any age during a course) and which is a course's baseline (SCO-02,
 * at most BASELINE_MAX_AGE_DAYS = 14 before the first session), each below, at and above its window.
 */
class ScoreRulesTest {

    /** A PHQ-9 of 19 taken {@code daysOld} days before the plan date; item 9 and PCL-5 from yesterday. */
    private static Requests phq9Aged(Requests r, int daysOld) {
        return r.setJson("assessments", "[" + score("PHQ9", 19, AS_OF.minusDays(daysOld).toString()) + ","
                + score("PHQ9_ITEM9", 0, "2026-11-20") + "," + score("PCL5", 50, "2026-11-20") + "]");
    }

    @ParameterizedTest(name = "PHQ-9 {0} days old before a new series: severity {1}")
    @CsvSource({"29, MODERATELY_SEVERE", "30, MODERATELY_SEVERE", "31, UNKNOWN"})
    void beforeANewSeriesOnlyARecentScoreIsCurrent(int daysOld, SeverityLevel severity) {
        TreatmentPlan p = plan(phq9Aged(trd(), daysOld));
        assertThat(p.findings().depressionSeverity()).isEqualTo(severity);
        assertThat(ruleIds(p).contains("SEV-01d")).isEqualTo(severity != SeverityLevel.UNKNOWN);
    }

    @Test
    void duringACourseTheLatestScoreIsCurrentWhateverItsAge() {
        Requests r = course(phq9Aged(trd(), 45), "IV_KETAMINE", 2);
        r.setJson("assessments", "[" + score("PHQ9", 19, AS_OF.minusDays(45).toString()) + ","
                + score("PHQ9_ITEM9", 0, "2026-11-20") + "]");
        TreatmentPlan p = plan(r);
        assertThat(ruleIds(p)).contains("SCO-01b");
        assertThat(p.findings().depressionSeverity()).isEqualTo(SeverityLevel.MODERATELY_SEVERE);
        assertThat(ruleIds(plan(phq9Aged(trd(), 45)))).doesNotContain("SCO-01b");
    }

    @ParameterizedTest(name = "latest depression score {0} days before the plan date: baseline missing {1}")
    @CsvSource({"12, false", "13, false", "14, true"})
    void beforeTheFirstSessionTheBaselineMustBeRecent(int daysOld, boolean missing) {
        // The first session is the day after the plan date at the earliest, so 13 days old is 14 before it.
        TreatmentPlan p = plan(phq9Aged(trd(), daysOld));
        assertThat(missingFacts(p).contains("assessments (baseline)")).isEqualTo(missing);
        assertThat(ruleIds(p).contains("SCO-02b")).isEqualTo(missing);
    }

    @ParameterizedTest(name = "MADRS baseline {0} ({1} days before the first session): change counts {2}")
    @CsvSource({"2026-10-13, 13, true", "2026-10-12, 14, true", "2026-10-11, 15, false"})
    void aBaselineCountsOnlyWithinTheWindowBeforeTheFirstSession(String baselineDate, int daysBefore,
                                                               boolean counts) {
        Requests r = course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 10);
        r.set("assessments[1].date", baselineDate);
        TreatmentPlan p = plan(r);
        assertThat(ruleIds(p).contains("SCO-02a")).isEqualTo(counts);
        assertThat(ruleIds(p).contains("SCO-02c")).isEqualTo(!counts);
        assertThat(p.findings().responseStatus() == ResponseStatus.REMITTER).isEqualTo(counts);
        assertThat(missingFacts(p).contains("assessments (baseline)")).isEqualTo(!counts);
    }
}
