package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.AS_OF;
import static org.ketaplan.plan.RuleTests.SESSIONS;
import static org.ketaplan.plan.RuleTests.complete;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.flags;
import static org.ketaplan.plan.RuleTests.ptsdOnly;
import static org.ketaplan.plan.RuleTests.trd;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.conclusions.ResponseStatus;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.conclusions.SessionSpacing;
import org.ketaplan.facts.Reviewer;
import org.ketaplan.ruleset.TestRules;

/**
 * The rules of {@code rules/ketamine/series.drl} on the real rule set: each rule, and each number below, at and
 * above its threshold.
 */
class SeriesRulesTest {

    /** PTSD-01: a psychiatrist considers the PTSD series before any date is set. */
    @Test
    void ptsdSeriesIsSixInfusionsOverTwoWeeksAfterAPsychiatristsReview() {
        TreatmentPlan p = plan(ptsdOnly());
        assertThat(p.series().type()).isEqualTo(SeriesType.DEFER);
        assertThat(p.series().proposedType()).isEqualTo(SeriesType.PTSD_IV_KETAMINE_SERIES);
        assertThat(p.series().sessions()).isEqualTo(6);
        assertThat(p.clearances()).anySatisfy(c -> {
            assertThat(c.reviewer()).isEqualTo(Reviewer.PSYCHIATRY);
            assertThat(c.ruleId()).isEqualTo("PTSD-01f");
        });
        var result = org.ketaplan.engine.PlanEngine.run(TestRules.ruleBase(), FactMapper.facts(
                Plans.reader().read(ptsdOnly().bytes()), AS_OF, TestRules.ruleBase().terminology()));
        List<Integer> offsets = result.itemsOf(SessionSpacing.class).stream()
                .map(x -> ((SessionSpacing) x.item()).dayOffsets()).findFirst().orElseThrow();
        List<LocalDate> dates = PlanService.schedule(offsets, AS_OF, 0, null);
        assertThat(dates).hasSize(6);
        assertSpacing(dates, 3);
        assertThat(dates.get(5)).isBefore(AS_OF.plusDays(1 + 14));
    }

    @ParameterizedTest(name = "{0} infusions given: induction complete {1}")
    @CsvSource({"5, false", "6, true", "7, true"})
    void sixInfusionsCompleteTheIvInduction(int given, boolean complete) {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", given, "MADRS", 32, 12));
        assertThat(ruleIds(p).contains("IND-01b")).isEqualTo(complete);
        assertThat(p.series().schedule().isEmpty()).isEqualTo(complete);
    }

    @ParameterizedTest(name = "{0} esketamine sessions given: induction complete {1}")
    @CsvSource({"7, false", "8, true"})
    void eightSessionsCompleteTheEsketamineInduction(int given, boolean complete) {
        TreatmentPlan p = plan(course(trd(), "ESKETAMINE", given, "MADRS", 32, 12));
        assertThat(ruleIds(p).contains("IND-02b")).isEqualTo(complete);
    }

    @ParameterizedTest(name = "after {0} infusions, MADRS 30 -> {1}: early non-response {2}")
    @CsvSource({"3, 25, true", "3, 24, false", "4, 25, true", "5, 25, true", "2, 29, false", "6, 29, false"})
    void littleImprovementAfterThreeToFiveInfusionsIsEarlyNonResponse(int given, int madrs, boolean early) {
        // Planned three days after the last infusion, while the induction is under way (not interrupted, SES-05).
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", given, "MADRS", 30, madrs)
                .movedTo(LocalDate.parse(SESSIONS.get(given - 1)).plusDays(3)));
        assertThat(flags(p).contains(FlagCode.EARLY_NONRESPONSE)).isEqualTo(early);
        assertThat(p.findings().responseStatus() == ResponseStatus.EARLY_NONRESPONSE).isEqualTo(early);
        if (early) {
            assertThat(ruleIds(p)).contains("IND-04", "IND-04b");
        }
    }

    @Test
    void esketamineEarlyNonResponseIsNotAReasonToStop() {
        TreatmentPlan p = plan(course(trd(), "ESKETAMINE", 2, "MADRS", 30, 29));
        assertThat(p.notes()).anySatisfy(n -> assertThat(n.ruleId()).isEqualTo("IND-05"));
        assertThat(p.maintenance().type()).isNotEqualTo(MaintenanceType.STOP);
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
