package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.AS_OF;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.trd;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketaplan.conclusions.SeriesType;

/**
 * The rules of {@code rules/ketamine/schedule.drl} on the real rule set: each rule, and each number below, at and
 * above its threshold. The schedule is dated from the day after the plan date.
 */
class ScheduleRulesTest {

    @Test
    void ivInductionIsSixInfusionsTwiceWeeklyFromTomorrow() {
        TreatmentPlan p = plan(trd());
        assertThat(p.series().type()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
        assertThat(p.series().sessions()).isEqualTo(6);
        assertThat(p.series().schedule()).containsExactly(LocalDate.parse("2026-11-22"), LocalDate.parse("2026-11-25"),
                LocalDate.parse("2026-11-29"), LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-06"),
                LocalDate.parse("2026-12-09"));
        assertSpacing(p.series().schedule(), 2);
        assertThat(ruleIds(p)).contains("IND-01a", "IND-06a", "SUI-07", "RESP-07");
    }

    @Test
    void esketamineInductionIsEightSessionsOverFourWeeks() {
        TreatmentPlan p = plan(trd().set("preferredModality", "ESKETAMINE"));
        assertThat(p.series().schedule()).hasSize(8).first().isEqualTo(AS_OF.plusDays(1));
        assertSpacing(p.series().schedule(), 2);
        assertThat(p.series().schedule().get(7)).isBefore(AS_OF.plusDays(1 + 28));
        assertThat(ruleIds(p)).contains("IND-02a", "IND-06b");
    }

    @Test
    void midCourseSchedulesOnlyTheRemainingSessions() {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 4, "MADRS", 32, 20).setJson("course",
                "{\"modality\":\"IV_KETAMINE\",\"sessions\":[{\"date\":\"2026-11-06\"},{\"date\":\"2026-11-09\"},"
                        + "{\"date\":\"2026-11-13\"},{\"date\":\"2026-11-16\"}]}"));
        assertThat(p.series().sessionsGiven()).isEqualTo(4);
        assertThat(p.series().schedule()).containsExactly(LocalDate.parse("2026-11-22"), LocalDate.parse("2026-11-25"));
    }

    @Test
    void nothingIsScheduledUnlessEligibleAndRoutine() {
        assertThat(plan(trd().set("suicideScreen.methodWithoutIntent", true)).series().schedule()).isEmpty();
        assertThat(plan(trd().set("diagnoses.bipolarDisorder", "BIPOLAR_II")).series()).satisfies(s -> {
            assertThat(s.type()).isEqualTo(SeriesType.DEFER);
            assertThat(s.proposedType()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
            assertThat(s.schedule()).isEmpty();
        });
    }

    private void assertSpacing(List<LocalDate> dates, int maxPerWeek) {
        for (int i = 1; i < dates.size(); i++) {
            assertThat(dates.get(i)).isAfterOrEqualTo(dates.get(i - 1).plusDays(2));
        }
        for (LocalDate d : dates) {
            long inWeek = dates.stream().filter(x -> !x.isBefore(d) && x.isBefore(d.plusDays(7))).count();
            assertThat(inWeek).isLessThanOrEqualTo(maxPerWeek);
        }
    }
}
