package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.RuleTests.trd;

import org.junit.jupiter.api.Test;
import org.ketaplan.conclusions.AdjunctType;

/**
 * The rules of {@code rules/ketamine/adjuncts.drl} on the real rule set: each rule, and each number below, at and
 * above its threshold.
 */
class AdjunctRulesTest {

    @Test
    void everyPlannedSeriesGetsAdjuncts() {
        TreatmentPlan p = plan(trd());
        assertThat(p.adjuncts()).extracting(TreatmentPlan.AdjunctItem::ruleId)
                .containsExactlyInAnyOrder("ADJ-01", "ADJ-02", "ADJ-03a", "ADJ-03b");
    }

    @Test
    void noOralAntidepressantNoContinueAdjunct() {
        TreatmentPlan p = plan(trd().setJson("medications", "[]"));
        assertThat(p.adjuncts()).extracting(TreatmentPlan.AdjunctItem::type)
                .doesNotContain(AdjunctType.CONTINUE_ORAL_ANTIDEPRESSANT);
    }
}
