package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.conclusions.SessionDecision;
import org.ketaplan.conclusions.TriageLevel;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.TestRules;

/**
 * The safety envelope (rules/ketamine/envelope.drl, clinical-spec 19.1): the rules that see the assembled plan. ENV-07
 * stands behind the session rules, so it is shown here with the session rule it backs deleted, as the gate's mutation
 * check deletes it; EnvelopePropertiesTest proves every invariant over generated requests.
 */
class EnvelopeRulesTest {

    private static List<String> holdRules(TreatmentPlan p) {
        return p.nextSession().reasons().stream().map(TreatmentPlan.Reason::ruleId).toList();
    }

    @Test
    void aPlanThatNeedsAClearanceDatesNothingAndSaysWhy() {
        TreatmentPlan p = plan(Requests.complete().set("vitals[0].systolic", 141));
        assertThat(p.eligibility()).isEqualTo(EligibilityLevel.NEEDS_CLEARANCE);
        assertThat(p.series().type()).isEqualTo(SeriesType.DEFER);
        assertThat(p.series().proposedType()).isEqualTo(SeriesType.IV_KETAMINE_INDUCTION);
        assertThat(p.series().schedule()).isEmpty();
        assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.HOLD);
        assertThat(holdRules(p)).contains("ENV-01b");
        assertThat(ruleIds(p)).contains("ENV-01a", "ENV-01b");
    }

    @Test
    void anUrgentTriageDatesNothingAndDefersMaintenance() {
        TreatmentPlan p = plan(Requests.complete().set("suicideScreen.nonSpecificActiveThoughts", true)
                .set("suicideScreen.methodWithoutIntent", true).set("suicideScreen.intentWithoutPlan", false)
                .set("suicideScreen.intentWithPlan", false));
        assertThat(p.triage()).isEqualTo(TriageLevel.URGENT_SAME_DAY_ASSESSMENT);
        assertThat(p.series().schedule()).isEmpty();
        assertThat(p.maintenance().type()).isEqualTo(MaintenanceType.DEFERRED);
        assertThat(ruleIds(p)).contains("ENV-02a", "ENV-02b");
    }

    @ParameterizedTest(name = "responder, {0} = {1}: maintenance {2}")
    @CsvSource({"patient.pregnancyStatus, POSITIVE, STOP, ENV-03a",
            "diagnoses.currentManicHypomanicOrMixedEpisode, true, STOP, ENV-03a",
            "substanceUse.priorKetamineMisuse, true, DEFERRED, ENV-03b"})
    void anIneligibleOrUnclearedResponderGetsNoKetamineMaintenance(String path, String value, MaintenanceType expected,
                                                                  String rule) {
        Requests responder = RuleTests.course(RuleTests.trd(), "IV_KETAMINE", 6, "MADRS", 32, 12);
        assertThat(plan(responder).maintenance().type()).isEqualTo(MaintenanceType.INDIVIDUALIZED_TAPER);
        Object json = value.equals("true") ? (Object) Boolean.TRUE : value;
        TreatmentPlan p = plan(responder.set(path, json));
        assertThat(p.maintenance().type()).isEqualTo(expected);
        assertThat(ruleIds(p)).contains(rule);
    }

    /** Each ENV-07 check, shown with the session rule that normally holds first deleted. */
    @ParameterizedTest(name = "{0} deleted, {1} = {2}: {3} holds")
    @CsvSource({
            "Session due today without a C-SSRS today: hold, suicideScreen.date, 2026-11-20, ENV-07a",
            "Session due today with a blood pressure today at or above the hard stop: hold, vitals[0].diastolic, 100, ENV-07b",
            "'Session due today without an oxygen saturation today, or below the minimum: hold', vitals[0].spo2, 91, ENV-07c",
            "Session due today and pregnancy possible without a recent negative test: hold, patient.pregnancyTestDate, 2026-11-01, ENV-07d"})
    void aGoWithoutEveryCheckOfTheDayIsHeldEvenWithoutTheSessionRule(String deleted, String path, String value,
                                                                    String envelopeRule) {
        RuleBase without = TestRules.ruleBase().withoutRule(deleted);
        Object json = value.matches("\\d+") ? (Object) Integer.valueOf(value) : value;
        TreatmentPlan p = Plans.plan(without, Requests.sessionDay().set(path, json).bytes());
        assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.HOLD);
        assertThat(holdRules(p)).contains(envelopeRule);
    }

    @Test
    void everyMaintenanceTypeHasItsPlaceInTheOrderOfRestriction() {
        assertThat(PlanService.MAINTENANCE_MOST_RESTRICTIVE_FIRST).containsExactlyInAnyOrder(MaintenanceType.values());
    }

    @Test
    void aResponderWithAnOpenHoldFromTheLastInfusionGetsNoTaper() {
        Requests responder = RuleTests.course(RuleTests.trd(), "IV_KETAMINE", 6, "MADRS", 32, 12)
                .set("course.sessions[5].moaas", 2);
        TreatmentPlan p = plan(responder);
        assertThat(p.maintenance().type()).isEqualTo(MaintenanceType.DEFERRED);
        assertThat(ruleIds(p)).contains("SES-02a", "ENV-07e");
    }

    @Test
    void aSessionDayWithEveryCheckMetIsGoAndTheEnvelopeIsSilent() {
        TreatmentPlan p = plan(Requests.sessionDay());
        assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.GO);
        assertThat(ruleIds(p)).noneMatch(id -> id.startsWith("ENV-"));
    }
}
