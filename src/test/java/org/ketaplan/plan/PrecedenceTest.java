package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.complete;

import org.junit.jupiter.api.Test;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.RiskLevel;
import org.ketaplan.conclusions.TriageLevel;

/**
 * How the plan combines what the rules conclude: the most restrictive eligibility and the most urgent triage win,
 * and every rule that fired is in the rationale once, with its evidence.
 */
class PrecedenceTest {

    @Test
    void completeUnremarkablePatientIsRoutineAndEligibleWithNothingMissing() {
        TreatmentPlan p = plan(complete());
        assertThat(p.missingData()).isEmpty();
        assertThat(p.clearances()).isEmpty();
        assertThat(p.triage()).isEqualTo(TriageLevel.ROUTINE);
        assertThat(p.eligibility()).isEqualTo(EligibilityLevel.ELIGIBLE);
        assertThat(p.findings().suicideRisk()).isEqualTo(RiskLevel.LOW);
        assertThat(p.flags()).contains(FlagCode.CLINICIAN_REVIEW_REQUIRED);
    }

    @Test
    void ineligibleWinsOverMissingDataAndClearance() {
        TreatmentPlan p = plan(complete().remove("patient.ageYears")
                .set("diagnoses.bipolarDisorder", "BIPOLAR_I")
                .set("medicalHistory.aneurysmalVascularDisease", true));
        assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
        assertThat(p.eligibilityReasons()).extracting(TreatmentPlan.EligibilityReason::level)
                .contains(EligibilityLevel.INELIGIBLE, EligibilityLevel.INSUFFICIENT_DATA,
                        EligibilityLevel.NEEDS_CLEARANCE);
        assertThat(p.eligibilityReasons().get(0).level()).isEqualTo(EligibilityLevel.INELIGIBLE);
    }

    @Test
    void missingDataWinsOverClearance() {
        TreatmentPlan p = plan(complete().remove("patient.ageYears").set("diagnoses.bipolarDisorder", "BIPOLAR_I"));
        assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INSUFFICIENT_DATA);
    }

    @Test
    void emergencyWinsOverUrgent() {
        TreatmentPlan p = plan(complete().set("suicideScreen.methodWithoutIntent", true)
                .set("suicideScreen.intentWithPlan", true));
        assertThat(p.triage()).isEqualTo(TriageLevel.EMERGENCY_REFERRAL);
        assertThat(p.triageReasons()).extracting(TreatmentPlan.Reason::ruleId).contains("SUI-01a", "SUI-03a");
    }

    @Test
    void everyFiredRuleIsInTheRationaleOnceWithItsEvidence() {
        TreatmentPlan p = plan(complete().set("suicideScreen.intentWithPlan", true)
                .set("medicalHistory.hypertension", true));
        assertThat(ruleIds(p)).doesNotHaveDuplicates();
        assertThat(p.rationale()).allSatisfy(r -> {
            assertThat(r.rule()).isNotBlank();
            assertThat(r.strength()).isIn("FIRM", "PRACTICE", "UNCERTAIN");
            assertThat(r.sources()).isNotEmpty();
        });
    }
}
