package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.trd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.PsychotherapyType;

/**
 * The rules of {@code rules/ketamine/psychotherapy.drl} on the real rule set: each rule, and each number below, at
 * and above its threshold.
 */
class PsychotherapyRulesTest {

    @Test
    void responderGetsCbtToSustainTheResponse() {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 14));
        assertThat(p.psychotherapy()).anySatisfy(t -> {
            assertThat(t.type()).isEqualTo(PsychotherapyType.CBT_TO_SUSTAIN_RESPONSE);
            assertThat(t.ruleId()).isEqualTo("PSY-04");
        });
    }

    @Test
    void ptsdWithActiveSubstanceUseStillGetsTraumaFocusedTherapy() {
        TreatmentPlan p = plan(trd().set("substanceUse.activeDisorderSeverity", "SEVERE"));
        assertThat(p.psychotherapy()).extracting(TreatmentPlan.PsychotherapyItem::type)
                .contains(PsychotherapyType.TRAUMA_FOCUSED, PsychotherapyType.SUD_TREATMENT);
        assertThat(p.notes()).anySatisfy(n -> assertThat(n.ruleId()).isEqualTo("PSY-02"));
    }

    @Test
    void psychotherapyIsScheduledOutsideThePostDoseWindow() {
        assertThat(plan(trd()).monitoring()).anySatisfy(m -> assertThat(m.ruleId()).isEqualTo("PSY-06"));
    }

    @Test
    void noPtsdNoTraumaFocusedTherapy() {
        TreatmentPlan p = plan(trd().set("diagnoses.ptsd", "NONE"));
        assertThat(p.psychotherapy()).extracting(TreatmentPlan.PsychotherapyItem::type)
                .containsExactly(PsychotherapyType.DEPRESSION_EBP);
    }

    @ParameterizedTest(name = "{0}: guideline against by {1}")
    @CsvSource(delimiter = '|', value = {
            "medications[1] | {\"name\":\"lorazepam\",\"dailyDoseMg\":1} | PSY-07a",
            "medications[1] | {\"name\":\"nabilone\",\"dailyDoseMg\":1} | PSY-07b",
            "substanceUse.substances | [\"cannabis\"] | PSY-07b"})
    void benzodiazepinesAndCannabisAreAgainstPtsdGuidelines(String path, String json, String rule) {
        TreatmentPlan p = plan(trd().setJson(path, json));
        assertThat(p.flagDetails()).anySatisfy(f -> {
            assertThat(f.flag()).isEqualTo(FlagCode.GUIDELINE_AGAINST);
            assertThat(f.ruleId()).isEqualTo(rule);
        });
    }

    @Test
    void benzodiazepineWithoutPtsdIsNotAgainstPtsdGuidelines() {
        TreatmentPlan p = plan(trd().set("diagnoses.ptsd", "NONE").setJson("medications[1]", "{\"name\":\"lorazepam\",\"dailyDoseMg\":1}"));
        assertThat(p.flags()).doesNotContain(FlagCode.GUIDELINE_AGAINST);
    }
}
