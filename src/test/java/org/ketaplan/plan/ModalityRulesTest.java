package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.flags;
import static org.ketaplan.plan.RuleTests.ptsdOnly;
import static org.ketaplan.plan.RuleTests.trd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.SeriesType;

/**
 * The rules of {@code rules/ketamine/modality.drl} on the real rule set: each rule, and each number below, at and
 * above its threshold. With the decision table {@code rules/modality-choice.csv}.
 */
class ModalityRulesTest {

    @Test
    void ivPreferredAtAFullSiteGivesIvWithEsketamineAlternative() {
        TreatmentPlan p = plan(trd());
        assertThat(p.series().type()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
        assertThat(ruleIds(p)).contains("MOD-02a", "MOD-02b", "MOD-01c");
        assertThat(flags(p)).contains(FlagCode.OFF_LABEL);
        assertThat(p.alternatives()).singleElement().satisfies(a -> {
            assertThat(a.modality()).isEqualTo("ESKETAMINE");
            assertThat(a.series()).isEqualTo(SeriesType.ESKETAMINE_INDUCTION);
            assertThat(a.note()).isEqualTo("on-label for TRD");
        });
    }

    @ParameterizedTest(name = "preference {0}: series {1}")
    @CsvSource({"ESKETAMINE, ESKETAMINE_INDUCTION", ", ESKETAMINE_INDUCTION", "IV_KETAMINE, IV_KETAMINE_INDUCTION"})
    void esketamineIsTheOnLabelDefaultAtACertifiedSite(String preference, SeriesType series) {
        Requests r = preference == null ? trd().remove("preferredModality") : trd().set("preferredModality", preference);
        TreatmentPlan p = plan(r);
        assertThat(p.series().type()).isEqualTo(series);
        if (series == SeriesType.ESKETAMINE_INDUCTION) {
            assertThat(ruleIds(p)).contains("MOD-01b", "MOD-01d");
            assertThat(flags(p)).doesNotContain(FlagCode.OFF_LABEL);
        }
    }

    @Test
    void ivPreferredAtAnEsketamineOnlySiteGivesEsketamine() {
        TreatmentPlan p = plan(trd().set("setting.ivKetamineCapable", false));
        assertThat(p.series().type()).isEqualTo(SeriesType.ESKETAMINE_INDUCTION);
        assertThat(ruleIds(p)).contains("MOD-04a");
        assertThat(p.alternatives()).isEmpty();
    }

    @Test
    void esketaminePreferredAtAnIvOnlySiteGivesIv() {
        TreatmentPlan p = plan(trd().set("preferredModality", "ESKETAMINE").set("setting.esketamineRemsCertified", false));
        assertThat(p.series().type()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
        assertThat(ruleIds(p)).contains("MOD-04c");
    }

    @Test
    void ptsdSeriesAtASiteWithoutIvIsNotPossible() {
        TreatmentPlan p = plan(ptsdOnly().set("setting.ivKetamineCapable", false));
        assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
        assertThat(ruleIds(p)).contains("MOD-04b");
    }

    @Test
    void esketamineForPtsdIsOffLabelAndTheSeriesStaysIv() {
        TreatmentPlan p = plan(ptsdOnly().set("preferredModality", "ESKETAMINE"));
        assertThat(ruleIds(p)).contains("MOD-03");
        assertThat(p.series().proposedType()).isEqualTo(SeriesType.PTSD_IV_KETAMINE_SERIES);
    }

    @Test
    void aCourseInProgressKeepsItsModality() {
        TreatmentPlan p = plan(course(trd(), "ESKETAMINE", 2, "MADRS", 32, 28));
        assertThat(ruleIds(p)).contains("MOD-01a");
        // Interrupted (SES-05): nothing of it is dated, but it stays an esketamine course.
        assertThat(p.series().proposedType()).isEqualTo(SeriesType.ESKETAMINE_INDUCTION);
    }
}
