package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.ResponseStatus;
import org.ketaplan.conclusions.SessionDecision;

/**
 * The rules of {@code rules/ketamine/sessions.drl} on the real rule set (clinical-spec 17.3): the next session's date
 * and GO or HOLD, the checks before dosing, the REMS forms, interruptions and frequency; each number below, at and
 * above its threshold. {@link Requests#sessionDay()} is a session day on which every check is met.
 */
class SessionRulesTest {

    private static final LocalDate SESSION_DAY = LocalDate.parse("2026-11-21");

    private static List<String> holdRules(TreatmentPlan p) {
        return p.nextSession().reasons().stream().map(TreatmentPlan.Reason::ruleId).toList();
    }

    private static Requests esketamineDay() {
        return Requests.sessionDay().set("course.modality", "ESKETAMINE")
                .set("course.sessions[0].modality", "ESKETAMINE").set("course.sessions[1].modality", "ESKETAMINE");
    }

    @Nested
    class NextSessionDate {

        @Test
        void aSessionDayWithEveryCheckMetIsGo() {
            TreatmentPlan p = plan(Requests.sessionDay());
            assertThat(p.nextSession().date()).isEqualTo(SESSION_DAY);
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.GO);
            assertThat(p.nextSession().reasons()).isEmpty();
            assertThat(p.nextSession().checks()).extracting(TreatmentPlan.Check::ruleId)
                    .contains("SES-01h", "SES-01i", "SUI-07b");
            assertThat(ruleIds(p)).contains("SES-01b");
        }

        @ParameterizedTest(name = "last IV session on {0}: next on {1}, {2}")
        @CsvSource({"2026-11-17, 2026-11-21, GO", "2026-11-18, 2026-11-21, GO", "2026-11-19, 2026-11-22, NOT_DUE"})
        void theNextSessionFollowsTheSeriesSpacing(String last, LocalDate next, SessionDecision decision) {
            TreatmentPlan p = plan(Requests.sessionDay().set("course.sessions[1].date", last));
            assertThat(p.nextSession().date()).isEqualTo(next);
            assertThat(p.nextSession().decision()).isEqualTo(decision);
        }

        @Test
        void aNewSeriesStartsTheDayAfterThePlanDate() {
            TreatmentPlan p = plan(Requests.complete());
            assertThat(p.nextSession().date()).isEqualTo(SESSION_DAY.plusDays(1));
            assertThat(ruleIds(p)).contains("SES-01a").doesNotContain("SES-01b");
        }

        @Test
        void noSeriesNoNextSession() {
            TreatmentPlan p = plan(Requests.complete().set("treatmentHistory.adequateAntidepressantTrials", 1)
                    .set("diagnoses.ptsd", "NONE"));
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.NONE);
            assertThat(p.nextSession().date()).isNull();
        }

        @Test
        void aPlanThatIsNotEligibleHoldsTheSession() {
            TreatmentPlan p = plan(Requests.sessionDay().set("medicalHistory.aneurysmalVascularDisease", true));
            assertThat(p.eligibility()).isEqualTo(EligibilityLevel.INELIGIBLE);
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.HOLD);
        }
    }

    @Nested
    class OnTheDay {

        @Test
        void noCssrsTodayHolds() {
            TreatmentPlan p = plan(Requests.sessionDay().set("suicideScreen.date", "2026-11-20"));
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.HOLD);
            assertThat(holdRules(p)).contains("SES-01c");
        }

        @Test
        void noVitalsTodayHolds() {
            TreatmentPlan p = plan(Requests.sessionDay().set("vitals[0].date", "2026-11-20"));
            assertThat(holdRules(p)).contains("SES-01d", "SES-01f");
        }

        @ParameterizedTest(name = "BP {0}/{1} today: hard-stop hold {2}")
        @CsvSource({"179, 99, false", "180, 99, true", "181, 99, true", "179, 100, true", "179, 101, true"})
        void bloodPressureTodayAtTheHardStopHolds(int systolic, int diastolic, boolean hold) {
            TreatmentPlan p = plan(Requests.sessionDay().set("vitals[0].systolic", systolic)
                    .set("vitals[0].diastolic", diastolic));
            assertThat(holdRules(p).contains("SES-01e")).isEqualTo(hold);
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.HOLD);
        }

        @ParameterizedTest(name = "SpO2 {0}% today: hold {1}")
        @CsvSource({"91, true", "92, false", "93, false"})
        void oxygenSaturationTodayBelowTheMinimumHolds(int spo2, boolean hold) {
            TreatmentPlan p = plan(Requests.sessionDay().set("vitals[0].spo2", spo2));
            assertThat(holdRules(p).contains("SES-01f")).isEqualTo(hold);
            assertThat(p.nextSession().decision()).isEqualTo(hold ? SessionDecision.HOLD : SessionDecision.GO);
        }

        @ParameterizedTest(name = "negative pregnancy test {0}: hold {1}")
        @CsvSource({"2026-11-15, false", "2026-11-14, false", "2026-11-13, true"})
        void aNegativePregnancyTestMustBeRecent(String tested, boolean hold) {
            TreatmentPlan p = plan(Requests.sessionDay().set("patient.pregnancyTestDate", tested));
            assertThat(holdRules(p).contains("SES-01g")).isEqualTo(hold);
        }

        @Test
        void aManNeedsNoPregnancyTest() {
            TreatmentPlan p = plan(Requests.sessionDay().set("patient.sex", "MALE")
                    .remove("patient.childbearingPotential").remove("patient.pregnancyStatus")
                    .remove("patient.breastfeeding").remove("patient.pregnancyTestDate"));
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.GO);
            assertThat(ruleIds(p)).doesNotContain("SES-01g", "SES-01i");
        }

        @Test
        void onADayBeforeTheSessionTheDayChecksWait() {
            TreatmentPlan p = plan(Requests.sessionDay().set("course.sessions[1].date", "2026-11-19")
                    .set("suicideScreen.date", "2026-11-20"));
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.NOT_DUE);
            assertThat(ruleIds(p)).doesNotContain("SES-01c");
        }
    }

    @Nested
    class LastSessionRecord {

        @ParameterizedTest(name = "MOAA/S {0} at the last session: hold {1}")
        @CsvSource({"2, true", "3, false", "4, false"})
        void deepSedationHoldsUntilAPrescriberClears(int moaas, boolean hold) {
            TreatmentPlan p = plan(Requests.sessionDay().set("course.sessions[1].moaas", moaas));
            assertThat(holdRules(p).contains("SES-02a")).isEqualTo(hold);
        }

        @ParameterizedTest(name = "prescriber clearance on {0} after deep sedation on 2026-11-17: hold {1}")
        @CsvSource({"2026-11-16, true", "2026-11-17, true", "2026-11-18, false"})
        void aPrescribersClearanceAfterTheSessionReleasesIt(String cleared, boolean hold) {
            TreatmentPlan p = plan(Requests.sessionDay().set("course.sessions[1].moaas", 2)
                    .setJson("clinicianSteps[1]", "{\"type\":\"CLEARANCE\",\"reviewer\":\"PRESCRIBER\",\"date\":\""
                            + cleared + "\",\"outcome\":\"CLEARED\"}"));
            assertThat(holdRules(p).contains("SES-02a")).isEqualTo(hold);
        }

        @Test
        void anotherReviewersClearanceDoesNotRelease() {
            TreatmentPlan p = plan(Requests.sessionDay().set("course.sessions[1].moaas", 2)
                    .setJson("clinicianSteps[1]", "{\"type\":\"CLEARANCE\",\"reviewer\":\"CARDIOLOGY\","
                            + "\"date\":\"2026-11-18\",\"outcome\":\"CLEARED\"}"));
            assertThat(holdRules(p)).contains("SES-02a");
        }

        @ParameterizedTest(name = "lowest SpO2 {0}% at the last session: hold {1}")
        @CsvSource({"91, true", "92, false", "93, false"})
        void desaturationHolds(int spo2, boolean hold) {
            TreatmentPlan p = plan(Requests.sessionDay().set("course.sessions[1].lowestSpo2", spo2));
            assertThat(holdRules(p).contains("SES-02b")).isEqualTo(hold);
        }

        @ParameterizedTest(name = "{0} {1}/{2} at the last session: hold {3}")
        @CsvSource({"vitalsAt40Min, 179, 109, false", "vitalsAt40Min, 180, 100, true", "vitalsAt40Min, 181, 100, true",
                "vitalsAt40Min, 170, 110, true", "vitalsBefore, 180, 100, true", "vitalsDischarge, 150, 110, true"})
        void bloodPressureAtThePauseThresholdHolds(String moment, int systolic, int diastolic, boolean hold) {
            TreatmentPlan p = plan(Requests.sessionDay().set("course.sessions[1]." + moment + ".systolic", systolic)
                    .set("course.sessions[1]." + moment + ".diastolic", diastolic));
            assertThat(holdRules(p).contains("SES-02c")).isEqualTo(hold);
        }

        @Test
        void onlyTheLastSessionsRecordDecides() {
            TreatmentPlan p = plan(Requests.sessionDay().set("course.sessions[0].vitalsAt40Min.systolic", 190));
            assertThat(holdRules(p)).doesNotContain("SES-02c");
        }

        @ParameterizedTest(name = "{0} at the last session: hold {1}")
        @CsvSource({"SEVERE_DISSOCIATION, true", "EXCESSIVE_SEDATION, true", "RESPIRATORY_DEPRESSION, true",
                "HYPERTENSIVE_RESPONSE, true", "CHEST_PAIN, true", "OTHER_SERIOUS, true", "NAUSEA, false",
                "VOMITING, false", "HEADACHE, false", "DIZZINESS, false", "ANXIETY, false"})
        void aSeriousAdverseEventHolds(String event, boolean hold) {
            TreatmentPlan p = plan(Requests.sessionDay().setJson("course.sessions[1].adverseEvents", "[\"" + event + "\"]"));
            assertThat(holdRules(p).contains("SES-02d")).isEqualTo(hold);
        }
    }

    @Nested
    class Rems {

        @Test
        void anEsketamineSessionWithEveryFieldNeedsNoForm() {
            TreatmentPlan p = plan(esketamineDay());
            assertThat(p.remsForms()).isEmpty();
            assertThat(ruleIds(p)).doesNotContain("SES-03");
        }

        @Test
        void anEsketamineSessionWithoutSomeFieldsHasItsFormDue() {
            TreatmentPlan p = plan(esketamineDay().remove("course.sessions[1].vitalsDischarge")
                    .remove("course.sessions[1].readyToLeaveMinutes"));
            assertThat(p.remsForms()).containsExactly(new TreatmentPlan.RemsForm(LocalDate.parse("2026-11-17"),
                    LocalDate.parse("2026-11-24"), List.of("readyToLeaveMinutes", "vitalsDischarge")));
        }

        @Test
        void anIvSessionNeedsNoRemsForm() {
            TreatmentPlan p = plan(Requests.sessionDay().remove("course.sessions[1].vitalsDischarge"));
            assertThat(p.remsForms()).isEmpty();
        }

        @ParameterizedTest(name = "esketamine session observed {0} min: REMS deviation {1}")
        @CsvSource({"119, true", "120, false", "121, false"})
        void lessThanTwoHoursObservedIsADeviation(int minutes, boolean deviation) {
            TreatmentPlan p = plan(esketamineDay().set("course.sessions[1].observedMinutes", minutes));
            assertThat(p.flags().contains(FlagCode.REMS_DEVIATION)).isEqualTo(deviation);
        }
    }

    @Nested
    class Interruption {

        @ParameterizedTest(name = "last session {0} days before the plan date: interrupted {1}")
        @CsvSource({"13, false", "14, false", "15, true", "16, true"})
        void moreThanTheCourseGapSinceTheLastSessionInterrupts(int daysAgo, boolean interrupted) {
            LocalDate last = SESSION_DAY.minusDays(daysAgo);
            TreatmentPlan p = plan(Requests.sessionDay().set("course.sessions[0].date", last.minusDays(3).toString())
                    .set("course.sessions[1].date", last.toString()));
            assertThat(p.flags().contains(FlagCode.COURSE_INTERRUPTED)).isEqualTo(interrupted);
            assertThat(p.findings().responseStatus() == ResponseStatus.INTERRUPTED).isEqualTo(interrupted);
            assertThat(holdRules(p).contains("SES-05e")).isEqualTo(interrupted);
        }

        @ParameterizedTest(name = "{0} days between the two sessions: induction restarted {1}")
        @CsvSource({"13, false", "14, false", "15, true"})
        void aGapBetweenSessionsRestartsTheInduction(int gap, boolean restarted) {
            TreatmentPlan p = plan(Requests.sessionDay()
                    .set("course.sessions[0].date", LocalDate.parse("2026-11-17").minusDays(gap).toString()));
            assertThat(ruleIds(p).contains("SES-05a")).isEqualTo(restarted);
            assertThat(ruleIds(p).contains("SES-05b")).isEqualTo(!restarted);
        }

        @Test
        void sessionsBeforeARestartDoNotCompleteTheInduction() {
            // Five infusions, a 20-day gap, then one: the induction restarted and has one infusion, not six.
            Requests r = Requests.sessionDay().setJson("course.sessions", "[{\"date\":\"2026-10-01\"},"
                    + "{\"date\":\"2026-10-04\"},{\"date\":\"2026-10-08\"},{\"date\":\"2026-10-11\"},"
                    + "{\"date\":\"2026-10-15\"},{\"date\":\"2026-11-04\"}]");
            TreatmentPlan p = plan(r.set("asOf", "2026-11-07").set("suicideScreen.date", "2026-11-07")
                    .set("vitals[0].date", "2026-11-07").set("assessments[0].date", "2026-11-07")
                    .set("assessments[4].date", "2026-11-07").set("assessments[5].date", "2026-11-07")
                    .set("assessments[1].date", "2026-09-28").set("assessments[2].date", "2026-09-28")
                    .set("assessments[3].date", "2026-09-28").set("clinicianSteps[0].date", "2026-09-28")
                    .set("patient.pregnancyTestDate", "2026-11-04"));
            assertThat(ruleIds(p)).contains("SES-05a").doesNotContain("IND-01b");
            assertThat(p.nextSession().decision()).isEqualTo(SessionDecision.GO);
        }
    }

    @Nested
    class Frequency {

        private static Requests inductionThenBoosters(String... boosters) {
            StringBuilder sessions = new StringBuilder();
            for (String date : List.of("2026-10-26", "2026-10-29", "2026-11-02", "2026-11-05", "2026-11-09",
                    "2026-11-12")) {
                sessions.append("{\"date\":\"").append(date).append("\"},");
            }
            for (String date : boosters) {
                sessions.append("{\"date\":\"").append(date).append("\"},");
            }
            sessions.setLength(sessions.length() - 1);
            return Requests.complete().setJson("course", "{\"modality\":\"IV_KETAMINE\",\"sessions\":[" + sessions + "]}");
        }

        @Test
        void fourSessionsIn30DaysAfterInductionAreWithinTheMaximum() {
            TreatmentPlan p = plan(inductionThenBoosters("2026-11-14", "2026-11-16", "2026-11-18", "2026-11-20"));
            assertThat(ruleIds(p)).doesNotContain("SES-06a");
        }

        @Test
        void fiveSessionsIn30DaysAfterInductionNeedAPrescribersReview() {
            TreatmentPlan p = plan(inductionThenBoosters("2026-11-13", "2026-11-14", "2026-11-16", "2026-11-18",
                    "2026-11-20"));
            assertThat(ruleIds(p)).contains("SES-06a");
            assertThat(p.clearances()).extracting(TreatmentPlan.ClearanceItem::ruleId).contains("SES-06a");
        }

        @Test
        void theInductionsOwnSessionsDoNotCount() {
            TreatmentPlan p = plan(inductionThenBoosters());
            assertThat(ruleIds(p)).doesNotContain("SES-06");
        }
    }
}
