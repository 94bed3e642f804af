package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.trd;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.TestRules;

/**
 * The rules of {@code rules/ketamine/monitoring.drl} on the real rule set: each rule, and each number below, at and
 * above its threshold.
 */
class MonitoringRulesTest {

    @Test
    void ivSessionsAreMonitoredEveryTenToFifteenMinutes() {
        TreatmentPlan p = plan(trd());
        assertThat(p.monitoring()).extracting(TreatmentPlan.MonitoringItem::ruleId)
                .contains("MON-01", "MON-03", "MON-04", "MON-05").doesNotContain("MON-02", "MON-06");
    }

    @Test
    void esketamineSessionsFollowTheRems() {
        TreatmentPlan p = plan(trd().set("preferredModality", "ESKETAMINE"));
        assertThat(p.monitoring()).extracting(TreatmentPlan.MonitoringItem::ruleId).contains("MON-02")
                .doesNotContain("MON-01");
    }

    @Test
    void pauseAndOxygenThresholdsComeFromTheParameters(@TempDir Path dir) {
        assertThat(plan(trd()).monitoring()).anySatisfy(m -> assertThat(m.text()).contains("180/110"))
                .anySatisfy(m -> assertThat(m.text()).contains("SpO2 below 92%"));
        RuleBase rb = TestRules.withParameter(dir, "BP_PAUSE_DIASTOLIC", "105");
        assertThat(Plans.plan(rb, trd().bytes()).monitoring()).anySatisfy(m -> assertThat(m.text()).contains("180/105"));
    }

    @Test
    void repeatedIvCoursesMonitorLiverBladderAndMisuse() {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 2, "MADRS", 32, 20));
        assertThat(p.monitoring()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("MON-06"));
    }
}
