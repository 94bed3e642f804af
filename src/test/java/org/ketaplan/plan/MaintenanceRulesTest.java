package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.SESSIONS;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.trd;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.AdjunctType;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.ruleset.TestRules;

/**
 * The rules of {@code rules/ketamine/maintenance.drl} on the real rule set: each rule, and each number below, at and
 * above its threshold.
 */
class MaintenanceRulesTest {

    @ParameterizedTest(name = "{0} after {1} sessions, MADRS 32 -> {2}: {3} by {4}")
    @CsvSource({
            "IV_KETAMINE, 2, 20, DECIDE_AT_END_OF_INDUCTION, MAINT-03a",
            "IV_KETAMINE, 6, 28, STOP, MAINT-01",
            "IV_KETAMINE, 6, 14, INDIVIDUALIZED_TAPER, MAINT-03b",
            "IV_KETAMINE, 6, 8, INDIVIDUALIZED_TAPER, MAINT-03b",
            "IV_KETAMINE, 6, 20, EXTEND_OR_SWITCH_REVIEW, MAINT-04",
            "ESKETAMINE, 8, 14, ESKETAMINE_LABEL_MAINTENANCE, MAINT-02",
            "ESKETAMINE, 8, 28, STOP, MAINT-01"})
    void maintenanceFollowsTheResponseAtTheEndOfInduction(String modality, int given, int madrs,
                                                          MaintenanceType type, String rule) {
        TreatmentPlan p = plan(course(trd().set("preferredModality", modality), modality, given, "MADRS", 32, madrs));
        assertThat(p.maintenance().type()).isEqualTo(type);
        assertThat(p.maintenance().ruleId()).isEqualTo(rule);
        if (type == MaintenanceType.INDIVIDUALIZED_TAPER || type == MaintenanceType.ESKETAMINE_LABEL_MAINTENANCE) {
            // MAINT-03 as corrected: three months after the last induction session, not after asOf.
            LocalDate lastInduction = LocalDate.parse(SESSIONS.get(modality.equals("ESKETAMINE") ? 7 : 5));
            assertThat(p.maintenance().reviewBy()).isEqualTo(lastInduction.plusMonths(3));
            assertThat(p.monitoring()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("MAINT-06"));
            assertThat(p.adjuncts()).anySatisfy(a -> assertThat(a.type()).isEqualTo(AdjunctType.CONTINUE_ORAL_ANTIDEPRESSANT));
            assertThat(ruleIds(p)).contains("MAINT-07");
        }
        if (type == MaintenanceType.STOP) {
            assertThat(p.maintenance().detail()).contains("ECT");
        }
    }

    /** Vitals and screen of each plan date, so that only the date moves (stale ones block the plan, MD-01). */
    @ParameterizedTest(name = "asOf {0}: review date stays three months after the 6th infusion")
    @CsvSource({"2026-11-21", "2026-12-05", "2026-12-20"})
    void reviewDateIsFixedByTheEndOfInductionNotByThePlanDate(String asOf) {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 14).set("asOf", asOf)
                .set("vitals[0].date", asOf).set("suicideScreen.date", asOf));
        assertThat(p.maintenance().type()).isEqualTo(MaintenanceType.INDIVIDUALIZED_TAPER);
        assertThat(p.maintenance().reviewBy()).isEqualTo(LocalDate.parse("2027-02-12"));
    }

    @ParameterizedTest(name = "MAINT_REVIEW_MONTHS {0}: review on {1}")
    @CsvSource({"2, 2027-01-12", "3, 2027-02-12", "4, 2027-03-12"})
    void reviewIntervalIsAParameter(String months, String reviewBy) {
        TreatmentPlan p = Plans.plan(TestRules.with("MAINT_REVIEW_MONTHS", months),
                course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 14).bytes());
        assertThat(p.maintenance().reviewBy()).isEqualTo(LocalDate.parse(reviewBy));
    }

    @Test
    void notIndicatedPlansGetNoMaintenanceOrAdjuncts() {
        TreatmentPlan p = plan(trd().set("treatmentHistory.adequateAntidepressantTrials", 1).set("diagnoses.ptsd", "NONE"));
        assertThat(p.maintenance().type()).isEqualTo(MaintenanceType.NOT_APPLICABLE);
        assertThat(p.adjuncts()).isEmpty();
    }
}
