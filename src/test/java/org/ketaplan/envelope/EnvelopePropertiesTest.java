package org.ketaplan.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.conclusions.SessionDecision;
import org.ketaplan.conclusions.TriageLevel;
import org.ketaplan.facts.Parameter;
import org.ketaplan.plan.BadRequestProblem;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.ruleset.TestRules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The safety envelope (clinical-spec 19.1) as properties of every plan, over the requests {@link CourseRequests}
 * describes, through the real request reader, the real rules/ and the real plan assembly. jqwik tries each property
 * {@code jqwik.tries.default} times (a Maven property, 200 by default) on a fixed seed ({@link SuiteSeed}; a nightly run
 * sets {@code -Djqwik.tries.default=20000 -Denvelope.seed=random}) and shrinks a failure to the fewest edits that still break it; such an example
 * becomes a scenario in rules/scenarios/tables/envelope.csv.
 */
@AddLifecycleHook(SuiteSeed.class)
class EnvelopePropertiesTest {


    private static final Set<MaintenanceType> NO_KETAMINE = Set.of(MaintenanceType.STOP, MaintenanceType.NOT_APPLICABLE);

    @Provide
    Arbitrary<CourseRequests.Case> requests() {
        return CourseRequests.cases();
    }

    /** The plan, or nothing for a request the service refuses with a 400 (not a plan: the properties skip it). */
    private static TreatmentPlan plan(ObjectNode request) {
        try {
            return Plans.plan(Requests.JSON.writeValueAsBytes(request));
        } catch (BadRequestProblem e) {
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TreatmentPlan planned(CourseRequests.Case c) {
        TreatmentPlan p = plan(c.request());
        Assume.that(p != null);
        return p;
    }

    @Property
    void env01NotEligibleIsNeverScheduledNorGo(@ForAll("requests") CourseRequests.Case c) {
        TreatmentPlan p = planned(c);
        Statistics.label("eligible").collect(p.eligibility() == EligibilityLevel.ELIGIBLE);
        Statistics.label("eligible").coverage(check -> check.check(false).count(n -> n > 0));
        if (p.eligibility() != EligibilityLevel.ELIGIBLE) {
            assertThat(p.series().schedule()).as("schedule of a %s plan", p.eligibility()).isEmpty();
            assertThat(p.nextSession().decision()).as("next session of a %s plan", p.eligibility())
                    .isNotEqualTo(SessionDecision.GO);
        }
    }

    @Property
    void env02UrgentTriageDatesNothing(@ForAll("requests") CourseRequests.Case c) {
        TreatmentPlan p = planned(c);
        Statistics.label("triage").collect(p.triage());
        Statistics.label("triage").coverage(check -> check.check(TriageLevel.ROUTINE).percentage(pc -> pc < 100));
        if (p.triage() != TriageLevel.ROUTINE) {
            assertThat(p.series().schedule()).as("schedule at %s", p.triage()).isEmpty();
            assertThat(p.nextSession().decision()).as("next session at %s", p.triage()).isNotEqualTo(SessionDecision.GO);
            assertThat(p.maintenance().type()).as("maintenance at %s", p.triage())
                    .isIn(MaintenanceType.DEFERRED, MaintenanceType.STOP, MaintenanceType.NOT_APPLICABLE);
        }
    }

    @Property
    void env03IneligibleNeverGetsKetamineMaintenance(@ForAll("requests") CourseRequests.Case c) {
        TreatmentPlan p = planned(c);
        Statistics.label("eligibility").collect(p.eligibility());
        if (p.eligibility() == EligibilityLevel.INELIGIBLE || p.eligibility() == EligibilityLevel.NOT_INDICATED) {
            assertThat(p.maintenance().type()).as("maintenance when %s", p.eligibility()).isIn(NO_KETAMINE);
        }
        if (p.eligibility() == EligibilityLevel.INSUFFICIENT_DATA || p.eligibility() == EligibilityLevel.NEEDS_CLEARANCE) {
            assertThat(p.maintenance().type()).as("maintenance when %s", p.eligibility())
                    .isIn(MaintenanceType.DEFERRED, MaintenanceType.STOP, MaintenanceType.NOT_APPLICABLE);
        }
    }

    @Property
    void env04OrderNeverMatters(@ForAll("requests") CourseRequests.Case c, @ForAll long seed) {
        TreatmentPlan p = planned(c);
        TreatmentPlan shuffled = plan(CourseRequests.shuffled(c.request(), seed));
        assertThat(shuffled).as("the shuffled request is read as the original was").isNotNull();
        assertThat(Decisions.of(shuffled)).as("decisions with every list shuffled").isEqualTo(Decisions.of(p));
    }

    /**
     * Facts made unknown (six of the request's, drawn anew on each try: every fact over the tries), and each dated
     * fact moved back past its window.
     */
    @Property(shrinking = ShrinkingMode.FULL)
    void env05UnknownIsNeverSafer(@ForAll("requests") CourseRequests.Case c,
                                  @ForAll @IntRange(min = 1, max = 90) int extraDays, @ForAll long seed) {
        TreatmentPlan p = planned(c);
        Decisions before = Decisions.of(p);
        List<String> violations = new ArrayList<>();
        ObjectNode request = c.request();
        List<String> paths = new ArrayList<>(Facts.paths(request));
        java.util.Collections.shuffle(paths, new java.util.Random(seed));
        for (String path : paths.subList(0, Math.min(6, paths.size()))) {
            ObjectNode without = request.deepCopy();
            Facts.remove(without, path);
            TreatmentPlan after = plan(without);
            // Unknown is compared with "no": a positive finding taken out may rightly count for less than itself (a
            // skipped question is not asked), never for less than its reassuring answer.
            ObjectNode reassuring = Facts.reassuring(request, path);
            TreatmentPlan known = reassuring == null ? p : plan(reassuring);
            if (after != null && known != null) {
                Decisions.of(after).morePermissiveUnlessUnknown(Decisions.of(known))
                        .forEach(v -> violations.add("without " + path + ": " + v));
            }
        }
        for (String dated : Facts.datedPaths(request)) {
            ObjectNode older = request.deepCopy();
            if (!Facts.moveBack(older, dated, Facts.window(dated) + extraDays)) {
                continue;
            }
            TreatmentPlan after = plan(older);
            if (after != null) {
                Decisions.of(after).morePermissiveThan(before)
                        .forEach(v -> violations.add(dated + " moved back " + (Facts.window(dated) + extraDays) + " days: " + v));
            }
        }
        assertThat(violations).as("plans made more permissive by an unknown or older fact").isEmpty();
    }

    /** Each safety measure in turn given a newer, worse value: BP, SpO2, item 9, a C-SSRS answer, an event, and more. */
    @Property
    void env06NewerWorseValueIsNeverIgnored(@ForAll("requests") CourseRequests.Case c) {
        planned(c);
        List<String> violations = new ArrayList<>();
        for (WorseValue measure : WorseValue.values()) {
            ObjectNode same = measure.retaken(c.request(), false);
            ObjectNode worse = measure.retaken(c.request(), true);
            TreatmentPlan before = same == null ? null : plan(same);
            TreatmentPlan after = worse == null ? null : plan(worse);
            if (before != null && after != null) {
                Decisions.of(after).morePermissiveAfterWorseValue(Decisions.of(before))
                        .forEach(v -> violations.add(measure + ": " + v));
            }
        }
        assertThat(violations).as("plans made more permissive by a newer, worse value").isEmpty();
    }

    /** SES-01 and SES-02 read from the request itself, with the rule set's own parameters. */
    @Property
    void env07GoOnlyWithEveryCheckMetToday(@ForAll("requests") CourseRequests.Case c) {
        TreatmentPlan p = planned(c);
        // The property means something only if GO is reached: the session-day base and its edits reach it.
        Statistics.label("next session").collect(p.nextSession().decision());
        Statistics.label("next session").coverage(check -> check.check(SessionDecision.GO).count(n -> n > 0));
        if (p.nextSession().decision() != SessionDecision.GO) {
            return;
        }
        ObjectNode r = c.request();
        String today = r.path("asOf").asText();
        assertThat(p.nextSession().date()).isEqualTo(LocalDate.parse(today));
        assertThat(r.path("suicideScreen").path("date").asText()).as("C-SSRS today").isEqualTo(today);
        List<JsonNode> todays = new ArrayList<>();
        r.path("vitals").forEach(v -> {
            if (v.path("date").asText().equals(today)) {
                todays.add(v);
            }
        });
        assertThat(todays).as("a blood pressure today").anyMatch(v -> v.has("systolic"));
        assertThat(todays).as("every blood pressure today below the hard stop").allMatch(v -> !v.has("systolic")
                || v.get("systolic").asInt() < param("BP_HARD_STOP_SYSTOLIC") && v.get("diastolic").asInt() < param("BP_HARD_STOP_DIASTOLIC"));
        assertThat(todays).as("an SpO2 today").anyMatch(v -> v.has("spo2"));
        assertThat(todays).as("every SpO2 today at or above the minimum")
                .allMatch(v -> !v.has("spo2") || v.get("spo2").asInt() >= param("SPO2_MIN"));
        JsonNode patient = r.path("patient");
        boolean pregnancyPossible = !patient.path("sex").asText().equals("MALE")
                && !patient.path("childbearingPotential").asText().equals("false")
                && !patient.path("pregnancyStatus").asText().equals("NOT_APPLICABLE");
        if (pregnancyPossible) {
            assertThat(patient.path("pregnancyStatus").asText()).as("pregnancy status").isEqualTo("NEGATIVE");
            assertThat(LocalDate.parse(patient.path("pregnancyTestDate").asText()))
                    .as("pregnancy test").isAfterOrEqualTo(LocalDate.parse(today).minusDays((long) param("PREGNANCY_TEST_MAX_AGE_DAYS")));
        }
        assertThat(openSes02Hold(r)).as("a hold from the last session (SES-02)").isEmpty();
    }

    /** What the last session day recorded that SES-02 holds on, unless a prescriber cleared it afterwards. */
    private static List<String> openSes02Hold(ObjectNode r) {
        List<String> found = new ArrayList<>();
        LocalDate last = null;
        for (JsonNode s : r.path("course").path("sessions")) {
            LocalDate d = LocalDate.parse(s.path("date").asText());
            last = last == null || d.isAfter(last) ? d : last;
        }
        if (last == null) {
            return found;
        }
        for (JsonNode s : r.path("course").path("sessions")) {
            if (!LocalDate.parse(s.path("date").asText()).equals(last)) {
                continue;
            }
            if (s.has("moaas") && s.get("moaas").asInt() < 3) {
                found.add("MOAA/S " + s.get("moaas"));
            }
            if (s.has("lowestSpo2") && s.get("lowestSpo2").asInt() < param("SPO2_MIN")) {
                found.add("lowest SpO2 " + s.get("lowestSpo2"));
            }
            for (String v : List.of("vitalsBefore", "vitalsAt40Min", "vitalsDischarge")) {
                JsonNode vit = s.path(v);
                if (vit.has("spo2") && vit.get("spo2").asInt() < param("SPO2_MIN")) {
                    found.add(v + " SpO2");
                }
                if (vit.has("systolic") && (vit.get("systolic").asInt() >= param("BP_PAUSE_SYSTOLIC")
                        || vit.get("diastolic").asInt() >= param("BP_PAUSE_DIASTOLIC"))) {
                    found.add(v + " BP");
                }
            }
            for (JsonNode e : s.path("adverseEvents")) {
                if (!Set.of("NAUSEA", "VOMITING", "HEADACHE", "DIZZINESS", "ANXIETY").contains(e.asText())) {
                    found.add("event " + e.asText());
                }
            }
        }
        LocalDate day = last;
        for (JsonNode step : r.path("clinicianSteps")) {
            if (step.path("type").asText().equals("CLEARANCE") && step.path("outcome").asText().equals("CLEARED")
                    && step.path("reviewer").asText().equals("PRESCRIBER")
                    && LocalDate.parse(step.path("date").asText()).isAfter(day)
                    && (!step.has("ruleId") || step.get("ruleId").asText().matches("SES-02[a-z]?"))) {
                return List.of();
            }
        }
        return found;
    }

    private static double param(String name) {
        return TestRules.ruleBase().parameters().stream().filter(p -> p.name().equals(name)).map(Parameter::value)
                .findFirst().orElseThrow();
    }

    /** Requests of every shape, broken too: the service answers a plan or a 400, never anything else (a 500). */
    @Property
    void noRequestIsAServerError(@ForAll("requests") CourseRequests.Case c, @ForAll("breakage") Breakage breakage) {
        ObjectNode r = c.request();
        breakage.apply(r);
        try {
            Plans.plan(Requests.JSON.writeValueAsBytes(r));
        } catch (BadRequestProblem expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value where the contract expects another kind, or out of its range. */
    record Breakage(String path, JsonNode value) {
        void apply(ObjectNode r) {
            int dot = path.lastIndexOf('.');
            JsonNode owner = Facts.at(r, path.substring(0, dot));
            if (owner instanceof ObjectNode o) {
                o.set(path.substring(dot + 1), value);
            }
        }
    }

    @Provide
    Arbitrary<Breakage> breakage() {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        Arbitrary<String> paths = Arbitraries.of("patient.ageYears", "patient.sex", "patient.weightKg",
                "vitals.0.systolic", "assessments.0.score", "assessments.0.date", "suicideScreen.date",
                "course.plannedFirstSession", "course.sessions", "clinicianSteps.0.outcome", "medications.0.name",
                "diagnoses.ptsd", "setting.ivKetamineCapable");
        Arbitrary<JsonNode> values = Arbitraries.of(f.nullNode(), f.textNode("x"), f.numberNode(-1),
                f.numberNode(1e12), f.textNode("2099-01-01"), f.textNode("1900-01-01"), f.booleanNode(true),
                f.arrayNode(), f.objectNode(), f.textNode("2026-11-21"));
        return net.jqwik.api.Combinators.combine(paths.map(p -> p.replace(".0.", "[0].")), values).as(Breakage::new);
    }
}
