package org.ketaplan.envelope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.ketaplan.plan.Requests;
import org.ketaplan.ruleset.TestRules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What "every request" means for the envelope's properties, in words a clinical lead can check.
 *
 * <p>A generated request is one of the clinic's typical patients (the scenario bases in {@code rules/scenarios/bases}:
 * a new TRD patient with every fact known, a PTSD patient, a PTSD series, an IV course on a session day, a completed
 * IV induction) changed by up to ten of the edits below, each with values drawn across and beyond every threshold of
 * the spec. Dates are days before the plan date (2026-11-21), so that windows (vitals 30 days, scores 30, clearances
 * 90, pregnancy test 7, course gap 14) fall on both sides. The edits:
 * <ul>
 *   <li><b>patient</b>: age 15-90, sex, childbearing potential, pregnancy status and test date, breastfeeding,
 *   weight;</li>
 *   <li><b>diagnoses</b>: major depression, PTSD, bipolar, current or past mania, psychotic features, a primary
 *   psychotic disorder;</li>
 *   <li><b>treatment history</b>: adequate antidepressant trials 0-4, trauma-focused therapy;</li>
 *   <li><b>a score</b>: PHQ-9, its item 9, MADRS, PCL-5, CAPS-5 or YMRS, any value of its range, 0-60 days old;</li>
 *   <li><b>the C-SSRS</b>: any answers (items 1-5, behaviour 1-24 months ago or never, imminent danger), 0-40 days
 *   old;</li>
 *   <li><b>a vitals reading</b>: BP 95-215 / 55-125, heart rate, SpO2 85-100, 0-45 days old, on a day another
 *   reading may share;</li>
 *   <li><b>medical history, substance use, medications</b>: one item set yes or no, a severity, a drug from the
 *   medication table (an MAOI, a stimulant, a benzodiazepine, lamotrigine, antidepressants) or one it does not
 *   know;</li>
 *   <li><b>the site and the preference</b>: IV capable or not, REMS-certified or not, IV or esketamine;</li>
 *   <li><b>a session given</b>: 0-40 days ago, IV or esketamine, with any dose 20-100 mg, vitals before, at 40 minutes
 *   and at discharge, lowest SpO2, MOAA/S 1-5 and adverse events, or with its date only; or a planned first
 *   session today to 3 days ahead;</li>
 *   <li><b>a clinician's step</b>: a clearance (any reviewer, for no rule or one of RC-01, RC-08, SES-02, SES-07,
 *   SES-08, DOSE-04; cleared or not), a suicide-risk assessment, an emergency evaluation, consent, REMS enrolment,
 *   0-120 days ago;</li>
 *   <li><b>unknown</b>: any one section or field removed.</li>
 * </ul>
 * A request the service refuses (400) is no plan and is left out of the envelope's properties; the edits keep such
 * requests rare.
 */
public final class CourseRequests {

    public static final LocalDate AS_OF = LocalDate.parse("2026-11-21");

    /** One change to a request, named so that a failing example reads as what was done to which patient. */
    public record Edit(String what, Consumer<ObjectNode> change) {
        @Override
        public String toString() {
            return what;
        }
    }

    /** A base patient and the edits made to it; {@link #request()} builds it afresh each time. */
    public record Case(String base, List<Edit> edits) {
        public ObjectNode request() {
            ObjectNode r = BASES.get(base).deepCopy();
            edits.forEach(e -> e.change().accept(r));
            return r;
        }

        @Override
        public String toString() {
            return base + " + " + edits + "\n" + request().toPrettyString();
        }
    }

    private static final Map<String, ObjectNode> BASES = bases();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> MEDICATIONS = List.of("sertraline", "escitalopram", "bupropion", "venlafaxine",
            "phenelzine", "methylphenidate", "lorazepam", "clonazepam", "lamotrigine", "lithium", "oxycodone",
            "theophylline", "zzz-unknown-drug");
    private static final List<String> INSTRUMENTS = List.of("PHQ9", "PHQ9_ITEM9", "MADRS", "PCL5", "CAPS5", "YMRS");
    private static final Map<String, Integer> MAX_SCORE = Map.of("PHQ9", 27, "PHQ9_ITEM9", 3, "MADRS", 60,
            "PCL5", 80, "CAPS5", 80, "YMRS", 60);
    private static final List<String> EVENTS = List.of("NAUSEA", "HEADACHE", "ANXIETY", "SEVERE_DISSOCIATION",
            "EXCESSIVE_SEDATION", "RESPIRATORY_DEPRESSION", "HYPERTENSIVE_RESPONSE", "CHEST_PAIN", "OTHER_SERIOUS");
    private static final List<String> REVIEWERS = List.of("PSYCHIATRY", "CARDIOLOGY", "PRIMARY_CARE",
            "ADDICTION_MEDICINE", "PERINATAL_PSYCHIATRY", "PRESCRIBER");
    private static final List<String> STEP_RULES = List.of("", "RC-01", "RC-08", "SES-02", "SES-07", "SES-08",
            "DOSE-04");

    private CourseRequests() {
    }

    public static Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.of(List.copyOf(BASES.keySet()).stream().sorted().toList()),
                edit().list().ofMaxSize(10)).as(Case::new);
    }

    static String date(int daysBefore) {
        return AS_OF.minusDays(daysBefore).toString();
    }

    /** Days before the plan date, drawn often at today, yesterday and each window's edges, where the rules turn. */
    static Arbitrary<Integer> daysBefore(int max) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, max)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0, 1, 2, 3)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(6, 7, 8, 13, 14, 15, 29, 30, 31).filter(d -> d <= max)));
    }

    static Arbitrary<Edit> edit() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, patient()),
                net.jqwik.api.Tuple.of(3, diagnosis()),
                net.jqwik.api.Tuple.of(1, history()),
                net.jqwik.api.Tuple.of(4, score()),
                net.jqwik.api.Tuple.of(3, screen()),
                net.jqwik.api.Tuple.of(4, vitals()),
                net.jqwik.api.Tuple.of(2, medicalHistory()),
                net.jqwik.api.Tuple.of(1, substanceUse()),
                net.jqwik.api.Tuple.of(2, medication()),
                net.jqwik.api.Tuple.of(1, site()),
                net.jqwik.api.Tuple.of(5, session()),
                net.jqwik.api.Tuple.of(1, plannedFirstSession()),
                net.jqwik.api.Tuple.of(4, step()),
                net.jqwik.api.Tuple.of(2, unknown()));
    }

    private static Edit set(String what, String section, String field, JsonNode value) {
        return new Edit(section + "." + field + "=" + value, r -> r.withObject(section).set(field, value));
    }

    static Arbitrary<Edit> patient() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(15, 90).map(a -> set("age", "patient", "ageYears", F.numberNode(a))),
                Arbitraries.of("FEMALE", "MALE", "OTHER", "UNKNOWN").map(s -> set("sex", "patient", "sex", F.textNode(s))),
                Arbitraries.of(true, false).map(b -> set("", "patient", "childbearingPotential", F.booleanNode(b))),
                Arbitraries.of("POSITIVE", "NEGATIVE", "UNKNOWN", "NOT_APPLICABLE")
                        .map(s -> set("", "patient", "pregnancyStatus", F.textNode(s))),
                Arbitraries.integers().between(0, 30).map(d -> set("", "patient", "pregnancyTestDate", F.textNode(date(d)))),
                Arbitraries.of(true, false).map(b -> set("", "patient", "breastfeeding", F.booleanNode(b))),
                Arbitraries.integers().between(40, 150).map(w -> set("", "patient", "weightKg", F.numberNode(w))));
    }

    static Arbitrary<Edit> diagnosis() {
        return Arbitraries.oneOf(
                Arbitraries.of(true, false).map(b -> set("", "diagnoses", "majorDepressiveDisorder", F.booleanNode(b))),
                Arbitraries.of("NONE", "PROBABLE", "CONFIRMED").map(s -> set("", "diagnoses", "ptsd", F.textNode(s))),
                Arbitraries.of("NONE", "BIPOLAR_I", "BIPOLAR_II").map(s -> set("", "diagnoses", "bipolarDisorder", F.textNode(s))),
                Arbitraries.of(true, false).map(b -> set("", "diagnoses", "currentManicHypomanicOrMixedEpisode", F.booleanNode(b))),
                Arbitraries.of(true, false).map(b -> set("", "diagnoses", "priorManicOrHypomanicEpisode", F.booleanNode(b))),
                Arbitraries.of("NONE", "PAST", "CURRENT").map(s -> set("", "diagnoses", "psychoticFeatures", F.textNode(s))),
                Arbitraries.of(true, false).map(b -> set("", "diagnoses", "primaryPsychoticDisorder", F.booleanNode(b))));
    }

    static Arbitrary<Edit> history() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 4).map(n -> set("", "treatmentHistory", "adequateAntidepressantTrials", F.numberNode(n))),
                Arbitraries.of(true, false).map(b -> set("", "treatmentHistory", "traumaFocusedPsychotherapyCompleted", F.booleanNode(b))));
    }

    static Arbitrary<Edit> score() {
        return Arbitraries.of(INSTRUMENTS).flatMap(i -> Combinators.combine(
                Arbitraries.integers().between(0, MAX_SCORE.get(i)), daysBefore(60))
                .as((score, days) -> new Edit("score " + i + " " + score + " " + days + "d ago", r -> r.withArray("assessments")
                        .add(F.objectNode().put("instrument", i).put("score", score).put("date", date(days))))));
    }

    static Arbitrary<Edit> screen() {
        Arbitrary<Boolean> yes = Arbitraries.of(false, false, false, true);
        return Combinators.combine(yes, yes, yes, yes, yes, Arbitraries.integers().between(0, 24), yes,
                daysBefore(40))
                .as((wish, thoughts, method, intent, plan, months, imminent, days) -> new Edit(
                        "C-SSRS " + wish + "/" + thoughts + "/" + method + "/" + intent + "/" + plan + " behaviour "
                                + (months == 0 ? "never" : months + "m") + " imminent " + imminent + " " + days + "d ago",
                        r -> {
                            ObjectNode s = r.putObject("suicideScreen");
                            s.put("date", date(days)).put("wishToBeDead", wish).put("nonSpecificActiveThoughts", thoughts)
                                    .put("methodWithoutIntent", method).put("intentWithoutPlan", intent)
                                    .put("intentWithPlan", plan).put("imminentDanger", imminent);
                            if (months == 0) {
                                s.putNull("suicidalBehaviorMonthsAgo");
                            } else {
                                s.put("suicidalBehaviorMonthsAgo", months);
                            }
                        }));
    }

    static Arbitrary<Edit> vitals() {
        return Combinators.combine(Arbitraries.integers().between(95, 215), Arbitraries.integers().between(55, 125),
                Arbitraries.integers().between(50, 120), Arbitraries.integers().between(85, 100), daysBefore(45))
                .as((sys, dia, hr, spo2, days) -> {
                    int d = Math.min(dia, sys - 10);
                    return new Edit("vitals " + sys + "/" + d + " SpO2 " + spo2 + " " + days + "d ago", r -> r.withArray("vitals")
                            .add(F.objectNode().put("date", date(days)).put("systolic", sys).put("diastolic", d)
                                    .put("heartRate", hr).put("spo2", spo2)));
                });
    }

    static Arbitrary<Edit> medicalHistory() {
        return Combinators.combine(Arbitraries.of("aneurysmalVascularDisease", "arteriovenousMalformation",
                        "intracerebralHemorrhage", "elevatedIntracranialPressure", "recentStrokeOrBrainInjury",
                        "unstableCardiacDisease", "stableCoronaryDisease", "hypertension", "hypertensiveEncephalopathy",
                        "preeclampsia", "uncontrolledHyperthyroidism", "interstitialCystitis", "ketamineHypersensitivity"),
                Arbitraries.of(true, false))
                .as((field, value) -> set("", "medicalHistory", field, F.booleanNode(value)));
    }

    static Arbitrary<Edit> substanceUse() {
        return Arbitraries.oneOf(
                Arbitraries.of("NONE", "MILD", "MODERATE", "SEVERE").map(s -> set("", "substanceUse", "activeDisorderSeverity", F.textNode(s))),
                Arbitraries.of(true, false).map(b -> set("", "substanceUse", "priorKetamineMisuse", F.booleanNode(b))),
                Arbitraries.of(true, false).map(b -> set("", "substanceUse", "pastDisorder", F.booleanNode(b))));
    }

    static Arbitrary<Edit> medication() {
        return Arbitraries.of(MEDICATIONS).map(name -> new Edit("medication " + name,
                r -> r.withArray("medications").add(F.objectNode().put("name", name).put("dailyDoseMg", 20))));
    }

    static Arbitrary<Edit> site() {
        return Arbitraries.oneOf(
                Arbitraries.of(true, false).map(b -> set("", "setting", "ivKetamineCapable", F.booleanNode(b))),
                Arbitraries.of(true, false).map(b -> set("", "setting", "esketamineRemsCertified", F.booleanNode(b))),
                Arbitraries.of("IV_KETAMINE", "ESKETAMINE").map(m -> new Edit("prefers " + m, r -> r.put("preferredModality", m))));
    }

    static Arbitrary<Edit> session() {
        Arbitrary<Integer> sys = Arbitraries.integers().between(100, 200);
        Arbitrary<Integer> spo2 = Arbitraries.integers().between(85, 100);
        Arbitrary<Boolean> full = Arbitraries.of(true, true, false);
        return Combinators.combine(daysBefore(40), Arbitraries.of("IV_KETAMINE", "ESKETAMINE"),
                        Arbitraries.integers().between(20, 100), sys, spo2, Arbitraries.integers().between(1, 5),
                        Arbitraries.subsetOf(EVENTS).ofMaxSize(2), full)
                .as((days, modality, dose, systolic, lowest, moaas, events, withRecord) -> new Edit(
                        "session " + days + "d ago " + modality + (withRecord ? " " + dose + " mg BP " + systolic
                                + " SpO2 " + lowest + " MOAA/S " + moaas + " " + events : " (date only)"),
                        r -> {
                            ObjectNode course = r.withObject("course");
                            if (!course.has("modality")) {
                                course.put("modality", modality);
                            }
                            course.remove("plannedFirstSession");
                            ObjectNode s = F.objectNode().put("date", date(days));
                            if (withRecord) {
                                s.put("modality", course.get("modality").asText()).put("doseMg", dose);
                                s.set("vitalsBefore", F.objectNode().put("systolic", 125).put("diastolic", 80)
                                        .put("heartRate", 72).put("spo2", 98));
                                s.set("vitalsAt40Min", F.objectNode().put("systolic", systolic)
                                        .put("diastolic", Math.min(120, systolic - 20)).put("heartRate", 80).put("spo2", lowest));
                                s.set("vitalsDischarge", F.objectNode().put("systolic", Math.max(100, systolic - 15))
                                        .put("diastolic", Math.min(115, systolic - 35)).put("heartRate", 76)
                                        .put("spo2", Math.min(100, lowest + 2)));
                                s.put("lowestSpo2", lowest).put("moaas", moaas).put("cadss", 10)
                                        .put("observedMinutes", 130).put("readyToLeaveMinutes", 110);
                                ArrayNode ev = s.putArray("adverseEvents");
                                events.stream().sorted().forEach(ev::add);
                            }
                            course.withArray("sessions").add(s);
                        }));
    }

    static Arbitrary<Edit> plannedFirstSession() {
        return Arbitraries.integers().between(0, 3).map(days -> new Edit("first session planned in " + days + " days",
                r -> {
                    ObjectNode course = r.withObject("course");
                    if (!course.has("sessions") || course.get("sessions").isEmpty()) {
                        course.put("plannedFirstSession", AS_OF.plusDays(days).toString());
                    }
                }));
    }

    static Arbitrary<Edit> step() {
        Arbitrary<Integer> days = Arbitraries.integers().between(0, 120);
        Arbitrary<String> modality = Arbitraries.of("IV_KETAMINE", "ESKETAMINE");
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(REVIEWERS), Arbitraries.of(STEP_RULES), Arbitraries.of("CLEARED", "CLEARED", "NOT_CLEARED"), modality, days)
                        .as((reviewer, rule, outcome, m, d) -> step("clearance " + reviewer + " " + rule + " " + outcome + " " + d + "d ago",
                                F.objectNode().put("type", "CLEARANCE").put("reviewer", reviewer).put("date", date(d))
                                        .put("outcome", outcome).put("modality", m), rule)),
                Combinators.combine(Arbitraries.of("SAFE_TO_PROCEED", "NOT_SAFE"), days)
                        .as((o, d) -> step("suicide-risk assessment " + o + " " + d + "d ago", F.objectNode()
                                .put("type", "SUICIDE_RISK_ASSESSMENT").put("date", date(d)).put("outcome", o), "")),
                Combinators.combine(Arbitraries.of("OUTPATIENT_OK", "MANAGED_IN_SETTING", "ADMITTED"), Arbitraries.integers().between(0, 14))
                        .as((o, d) -> step("emergency evaluation " + o + " " + d + "d ago", F.objectNode()
                                .put("type", "EMERGENCY_EVALUATION").put("date", date(d)).put("outcome", o), "")),
                Combinators.combine(modality, Arbitraries.of("SIGNED", "DECLINED"), days)
                        .as((m, o, d) -> step("consent " + m + " " + o, F.objectNode().put("type", "INFORMED_CONSENT")
                                .put("modality", m).put("date", date(d)).put("outcome", o), "")),
                days.map(d -> step("REMS enrolment", F.objectNode().put("type", "REMS_ENROLMENT").put("date", date(d))
                        .put("outcome", "ENROLLED"), "")));
    }

    private static Edit step(String what, ObjectNode step, String rule) {
        if (!rule.isEmpty()) {
            step.put("ruleId", rule);
        }
        return new Edit(what, r -> r.withArray("clinicianSteps").add(step.deepCopy()));
    }

    static Arbitrary<Edit> unknown() {
        return Arbitraries.of("patient.pregnancyStatus", "patient.weightKg", "patient.ageYears", "diagnoses",
                        "diagnoses.psychoticFeatures", "suicideScreen", "vitals", "medicalHistory",
                        "medicalHistory.hepaticImpairment", "substanceUse", "medications", "setting", "assessments",
                        "treatmentHistory.adequateAntidepressantTrials", "preferredModality")
                .map(path -> new Edit("unknown " + path, r -> Facts.remove(r, path)));
    }

    /** Every list of the request shuffled (ENV-04): entries of any list, and the adverse events of each session. */
    public static ObjectNode shuffled(ObjectNode request, long seed) {
        ObjectNode copy = request.deepCopy();
        Random random = new Random(seed);
        shuffle(copy, random);
        return copy;
    }

    private static void shuffle(JsonNode node, Random random) {
        if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(items::add);
            java.util.Collections.shuffle(items, random);
            array.removeAll();
            items.forEach(array::add);
            items.forEach(i -> shuffle(i, random));
        } else if (node instanceof ObjectNode object) {
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                shuffle(it.next(), random);
            }
        }
    }

    private static Map<String, ObjectNode> bases() {
        Map<String, ObjectNode> bases = new java.util.TreeMap<>();
        try (var files = Files.list(TestRules.RULES.resolve("scenarios/bases"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                ObjectNode base = (ObjectNode) Requests.JSON.readTree(f.toFile());
                if (AS_OF.toString().equals(base.path("asOf").asText())) {
                    bases.put(f.getFileName().toString().replace(".json", ""), base);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(bases);
    }
}
