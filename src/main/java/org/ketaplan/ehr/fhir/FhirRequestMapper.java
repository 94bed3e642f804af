package org.ketaplan.ehr.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.ketaplan.plan.JsonPaths;
import org.ketaplan.ruleset.FhirTerminology;
import org.ketaplan.ruleset.Terminology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns EHR FHIR data into a v1 PlanRequest, so that EHR calls go through the same strict reader, rules
 * and plan as the JSON API. Codes are matched by the value sets of {@code rules/terminology/fhir-*.csv};
 * entered-in-error records are ignored and a refuted condition counts as ruled out. What the data cannot
 * show is left out of the request,
 * so it stays unknown and the plan lists it to collect: an absent diagnosis is not a "no".
 */
public final class FhirRequestMapper {

    /** Stands for a number far outside every field's range; the request reader refuses it, naming the field. */
    static final long OUT_OF_RANGE = Long.MAX_VALUE;

    private final ObjectMapper json;
    private final Sources sources = new Sources();

    public FhirRequestMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Which EHR resources each request fact came from ("Condition/123"), by request path (a list by its name:
     * "assessments"), so that a clinician sees what the record showed and where.
     */
    public Map<String, List<String>> sources() {
        return sources.byPath();
    }

    static final class Sources {
        private final Map<String, java.util.Set<String>> byPath = new java.util.TreeMap<>();

        /** Observations read from a questionnaire, and the response each came from. */
        final Map<org.hl7.fhir.r4.model.Resource, org.hl7.fhir.r4.model.Resource> origin = FhirQuestionnaires.newOrigin();

        void record(String path, org.hl7.fhir.r4.model.Resource given) {
            org.hl7.fhir.r4.model.Resource resource = origin.getOrDefault(given, given);
            String at = path.endsWith("[]") ? path.substring(0, path.length() - 2) : path;
            String id = resource.hasIdElement() && resource.getIdElement().hasIdPart()
                    ? "/" + resource.getIdElement().getIdPart() : "";
            byPath.computeIfAbsent(at, k -> new java.util.LinkedHashSet<>()).add(resource.fhirType() + id);
        }

        Map<String, List<String>> byPath() {
            Map<String, List<String>> out = new java.util.TreeMap<>();
            byPath.forEach((k, v) -> out.put(k, List.copyOf(v)));
            return out;
        }
    }

    public ObjectNode toRequest(FhirFacts facts, LocalDate asOf, Terminology terminology) {
        FhirTerminology codes = terminology.fhir();
        ObjectNode req = json.createObjectNode();
        req.put("asOf", asOf.toString());
        patient(facts, asOf, req);
        conditions(facts, codes, req);
        observations(facts, asOf, codes, req);
        medications(facts, terminology, req);
        procedures(facts, codes, req);
        antidepressantTrials(facts, asOf, terminology, req);
        allergies(facts, asOf, codes, req);
        sessions(facts, asOf, codes, req);
        return req;
    }

    private void patient(FhirFacts facts, LocalDate asOf, ObjectNode req) {
        if (facts.patient == null) {
            return;
        }
        ObjectNode p = req.putObject("patient");
        LocalDate born = facts.patient.hasBirthDate() ? toDate(facts.patient.getBirthDate()) : null;
        if (born != null) {
            // A long: a birth date in year 9999 is out of range for the reader, never a wrapped int.
            p.put("ageYears", ChronoUnit.YEARS.between(born, asOf));
            sources.record("patient.ageYears", facts.patient);
        }
        if (facts.patient.hasGender()) {
            Enumerations.AdministrativeGender g = facts.patient.getGender();
            p.put("sex", switch (g) {
                case FEMALE -> "FEMALE";
                case MALE -> "MALE";
                case OTHER -> "OTHER";
                default -> "UNKNOWN";
            });
            sources.record("patient.sex", facts.patient);
        }
    }

    private void conditions(FhirFacts facts, FhirTerminology codes, ObjectNode req) {
        // A refuted condition is the EHR's way of saying "ruled out": that is a "no" the rules can use, but only
        // where no current record says otherwise (refuted ones are read first and never overwrite).
        for (Condition c : facts.conditions) {
            if (c.hasVerificationStatus() && has(c.getVerificationStatus(), "refuted")) {
                for (Coding coding : c.getCode().getCoding()) {
                    for (FhirTerminology.ConditionRow row : codes.conditionRows(coding.getSystem(), coding.getCode())) {
                        if (row.refutedValue() != null && JsonPaths.get(req, row.sets()) == null) {
                            JsonPaths.put(req, row.sets(), row.refutedValue());
                            sources.record(row.sets(), c);
                        }
                    }
                }
            }
        }
        for (Condition c : facts.conditions) {
            boolean current = current(c);
            if (!current && !history(c)) {
                continue;
            }
            boolean provisional = c.hasVerificationStatus() && has(c.getVerificationStatus(), "provisional", "differential");
            for (Coding coding : c.getCode().getCoding()) {
                for (FhirTerminology.ConditionRow row : codes.conditionRows(coding.getSystem(), coding.getCode())) {
                    String value = !current ? row.historyValue()
                            : provisional && row.provisionalValue() != null ? row.provisionalValue() : row.value();
                    if (value != null) {
                        set(req, row.sets(), value, codes.strength().get(row.sets()));
                        sources.record(row.sets(), c);
                    }
                }
            }
        }
    }

    /** Resolved, inactive or in remission, and neither refuted nor entered in error: the patient's history. */
    private static boolean history(Condition c) {
        if (c.hasVerificationStatus() && has(c.getVerificationStatus(), "entered-in-error", "refuted")) {
            return false;
        }
        return c.hasClinicalStatus() && has(c.getClinicalStatus(), "inactive", "resolved", "remission");
    }

    /**
     * Sets a request fact from an EHR record: a list path adds; otherwise the stronger value wins where the table
     * orders the values, and the later record elsewhere.
     */
    private static void set(ObjectNode req, String path, String value, List<String> strength) {
        if (path.endsWith("[]")) {
            JsonPaths.add(req, path.substring(0, path.length() - 2), value);
            return;
        }
        JsonNode existing = JsonPaths.get(req, path);
        if (strength != null && existing != null
                && strength.indexOf(existing.asText()) > strength.indexOf(value)) {
            return;
        }
        JsonPaths.put(req, path, value);
    }

    private void observations(FhirFacts facts, LocalDate asOf, FhirTerminology codes, ObjectNode req) {
        ArrayNode assessments = json.createArrayNode();
        Map<LocalDate, ObjectNode> vitalsByDate = new HashMap<>();
        Observation pregnancy = null;
        Double weight = null;
        LocalDate weightDate = null;
        Double height = null;
        LocalDate heightDate = null;
        ObjectNode screen = json.createObjectNode();
        LocalDate screenDate = null;
        Boolean behaviorEver = null;
        Boolean behaviorRecent = null;

        List<Observation> all = new ArrayList<>(facts.observations);
        all.addAll(FhirQuestionnaires.observations(facts.questionnaireResponses, codes, sources.origin));
        List<Observation> usable = all.stream().filter(FhirRequestMapper::usable)
                .filter(o -> date(o).map(d -> !d.isAfter(asOf)).orElse(false))
                .sorted(Comparator.comparing(o -> date(o).orElseThrow()))
                .toList();
        for (Observation o : usable) {
            LocalDate d = date(o).orElseThrow();
            FhirTerminology.ObservationRow row = reads(o.getCode(), codes);
            if (row == null) {
                continue;
            }
            switch (row.kind()) {
                case "assessment" -> intValue(o.getValue(), codes).ifPresent(v -> {
                    assessments.add(assessment(row.target(), v, d));
                    sources.record("assessments", o);
                });
                case "vitals" -> {
                    sources.record("vitals", o);
                    if (row.target().equals("heartRate") || row.target().equals("spo2")) {
                        intValue(o.getValue(), codes).ifPresent(v -> vitalsByDate.computeIfAbsent(d, k -> vitals(k))
                                .put(row.target(), v));
                    } else {
                        ObjectNode vit = vitalsByDate.computeIfAbsent(d, k -> vitals(k));
                        pressure(o, "systolic", codes).ifPresent(v -> vit.put("systolic", v));
                        pressure(o, "diastolic", codes).ifPresent(v -> vit.put("diastolic", v));
                    }
                }
                case "patient" -> {
                    switch (row.target()) {
                        case "weightKg" -> {
                            Double kg = quantity(o.getValue(), codes.units().get("weight"));
                            if (kg != null) {
                                weight = kg;
                                weightDate = d;
                                sources.record("patient.weightKg", o);
                            }
                        }
                        case "heightCm" -> {
                            Double cm = quantity(o.getValue(), codes.units().get("height"));
                            if (cm != null) {
                                height = cm;
                                heightDate = d;
                                sources.record("patient.heightCm", o);
                            }
                        }
                        default -> {
                            pregnancy = o;
                            sources.record("patient.pregnancyStatus", o);
                        }
                    }
                }
                default -> {
                    Boolean yes = yesNo(o.getValue(), codes);
                    if (yes == null) {
                        continue;
                    }
                    sources.record("suicideScreen", o);
                    switch (row.target()) {
                        case "behaviorEver" -> behaviorEver = yes;
                        case "behaviorWithin3Months" -> behaviorRecent = yes;
                        default -> screen.put(row.target(), yes);
                    }
                    screenDate = d;
                }
            }
        }
        if (!assessments.isEmpty()) {
            req.set("assessments", assessments);
        }
        List<ObjectNode> vitals = vitalsByDate.values().stream()
                .filter(v -> v.has("systolic") || v.has("heartRate")).toList();
        if (!vitals.isEmpty()) {
            req.putArray("vitals").addAll(vitals);
        }
        if (weight != null && weightDate != null) {
            node(req, "patient").put("weightKg", Math.round(weight * 10) / 10.0);
        }
        if (height != null && heightDate != null) {
            node(req, "patient").put("heightCm", Math.round(height * 10) / 10.0);
        }
        if (pregnancy != null) {
            String status = codes(pregnancy.getValue()).stream().map(codes.answers()::get)
                    .filter(a -> a != null && Set.of("POSITIVE", "NEGATIVE", "UNKNOWN").contains(a))
                    .findFirst().orElse(null);
            if (status != null) {
                node(req, "patient").put("pregnancyStatus", status);
            }
        }
        if (screenDate != null) {
            screen.put("date", screenDate.toString());
            // Item 6 arrives as "ever" and "within 3 months": the rules only tell <= 3 months from > 3.
            if (Boolean.FALSE.equals(behaviorEver)) {
                screen.putNull("suicidalBehaviorMonthsAgo");
            } else if (Boolean.TRUE.equals(behaviorRecent)) {
                screen.put("suicidalBehaviorMonthsAgo", 3);
            } else if (Boolean.TRUE.equals(behaviorEver) && Boolean.FALSE.equals(behaviorRecent)) {
                screen.put("suicidalBehaviorMonthsAgo", 4);
            }
            req.set("suicideScreen", screen);
        }
    }

    private ObjectNode vitals(LocalDate d) {
        ObjectNode v = json.createObjectNode();
        v.put("date", d.toString());
        return v;
    }

    private ObjectNode assessment(String instrument, long score, LocalDate d) {
        ObjectNode a = json.createObjectNode();
        a.put("instrument", instrument);
        a.put("score", score);
        a.put("date", d.toString());
        return a;
    }

    private void medications(FhirFacts facts, Terminology terminology, ObjectNode req) {
        // A list with one source missing is not the list: leave it unknown.
        if (!facts.medicationsSearched || facts.failedKeys.stream().anyMatch(k -> k.startsWith("medication"))) {
            return;
        }
        ArrayNode meds = req.putArray("medications");
        java.util.Set<String> seen = new java.util.HashSet<>();
        facts.medicationRequests.stream()
                .filter(m -> m.getStatus() == null || oneOf(m.getStatus().toCode(), "active", "on-hold"))
                .forEach(m -> {
                    addMedication(FhirMedications.concept(m.getMedication(), m, facts), terminology, meds, seen);
                    sources.record("medications", m);
                });
        facts.medicationStatements.stream()
                .filter(m -> m.getStatus() == null || oneOf(m.getStatus().toCode(), "active", "intended"))
                .forEach(m -> {
                    addMedication(FhirMedications.concept(m.getMedication(), m, facts), terminology, meds, seen);
                    sources.record("medications", m);
                });
    }

    /** The generic name of a medication record, by its coding first and its words second (FhirMedications). */
    private void addMedication(CodeableConcept cc, Terminology terminology, ArrayNode meds, java.util.Set<String> seen) {
        FhirMedications.Named named = FhirMedications.named(cc, terminology, terminology.fhir());
        if (named != null && seen.add(named.name())) {
            meds.addObject().put("name", named.name());
        }
    }

    /** Antidepressants started in this episode, for the rules to judge (DX-02), each with its record. */
    private void antidepressantTrials(FhirFacts facts, LocalDate asOf, Terminology terminology, ObjectNode req) {
        if (!facts.medicationsSearched || facts.failedKeys.stream().anyMatch(k -> k.startsWith("medication"))) {
            return;
        }
        FhirTerminology codes = terminology.fhir();
        List<FhirMedications.Trial> trials = FhirMedications.trials(facts, asOf, terminology, codes, c -> current(c)
                && c.getCode().getCoding().stream().anyMatch(coding -> codes.conditionRows(coding.getSystem(), coding.getCode())
                .stream().anyMatch(row -> row.sets().equals("diagnoses.majorDepressiveDisorder") && "true".equals(row.value()))));
        if (trials.isEmpty()) {
            return;
        }
        ObjectNode history = req.has("treatmentHistory") ? (ObjectNode) req.get("treatmentHistory") : req.putObject("treatmentHistory");
        ArrayNode list = history.putArray("antidepressantTrials");
        for (FhirMedications.Trial t : trials) {
            ObjectNode o = list.addObject().put("drug", t.drug());
            if (t.dailyDoseMg() != null) {
                o.put("dailyDoseMg", t.dailyDoseMg());
            }
            o.put("startDate", t.start().toString());
            if (t.end() != null) {
                o.put("endDate", t.end().toString());
            }
            sources.record("treatmentHistory.antidepressantTrials", t.source());
        }
    }

    private void procedures(FhirFacts facts, FhirTerminology codes, ObjectNode req) {
        facts.procedures.stream()
                .filter(p -> p.getStatus() != null && "completed".equals(p.getStatus().toCode()))
                .forEach(p -> codes(p.getCode()).forEach(c -> codes.procedures().getOrDefault(c, List.of())
                        .forEach(row -> {
                            JsonPaths.put(req, row.sets(), row.value());
                            sources.record(row.sets(), p);
                        })));
    }

    /**
     * A hypersensitivity stays one when the allergy is recorded as inactive: only refuted or wrong records drop. A
     * recorded "no known allergy" answers only within its row's window and only where no record says otherwise,
     * whatever the order of the records.
     */
    private void allergies(FhirFacts facts, LocalDate asOf, FhirTerminology codes, ObjectNode req) {
        Map<String, AllergyIntolerance> negatives = new java.util.LinkedHashMap<>();
        Set<String> positive = new java.util.HashSet<>();
        for (AllergyIntolerance a : facts.allergies) {
            if (a.hasVerificationStatus() && has(a.getVerificationStatus(), "refuted", "entered-in-error")) {
                continue;
            }
            CodeableConcept code = a.getCode();
            List<String> words = new ArrayList<>();
            if (code.hasText()) {
                words.add(code.getText());
            }
            code.getCoding().forEach(c -> words.add(c.getDisplay()));
            for (FhirTerminology.AllergyRow row : codes.allergies()) {
                boolean match = code.getCoding().stream().anyMatch(c -> row.matches(c.getSystem(), c.getCode()))
                        || words.stream().anyMatch(row::named);
                if (!match) {
                    continue;
                }
                if (!row.negative()) {
                    JsonPaths.put(req, row.sets(), row.value());
                    sources.record(row.sets(), a);
                    positive.add(row.sets());
                    continue;
                }
                LocalDate recorded = a.hasRecordedDate() ? toDate(a.getRecordedDate()) : null;
                if (recorded != null && !recorded.isAfter(asOf) && !recorded.isBefore(asOf.minusDays(row.maxAgeDays()))) {
                    negatives.putIfAbsent(row.sets(), a);
                }
            }
        }
        negatives.forEach((path, a) -> {
            if (!positive.contains(path)) {
                JsonPaths.put(req, path, "false");
                sources.record(path, a);
            }
        });
    }

    /**
     * Ketamine and esketamine sessions already given, from completed MedicationAdministrations: each day once, with
     * its dose in mg where the record gives one; the course's modality is that of the latest session.
     */
    private void sessions(FhirFacts facts, LocalDate asOf, FhirTerminology codes, ObjectNode req) {
        Map<LocalDate, ObjectNode> byDate = new java.util.TreeMap<>();
        String modality = null;
        for (MedicationAdministration a : facts.administrations) {
            if (a.getStatus() == null || !"completed".equals(a.getStatus().toCode()) || !a.hasMedicationCodeableConcept()) {
                continue;
            }
            LocalDate day = a.hasEffectiveDateTimeType() ? toDate(a.getEffectiveDateTimeType().getValue())
                    : a.hasEffectivePeriod() && a.getEffectivePeriod().hasStart()
                    ? toDate(a.getEffectivePeriod().getStart()) : null;
            if (day == null || day.isAfter(asOf)) {
                continue;
            }
            CodeableConcept med = a.getMedicationCodeableConcept();
            List<String> words = new ArrayList<>();
            words.add(med.getText());
            med.getCoding().forEach(c -> words.add(c.getDisplay()));
            FhirTerminology.ProductRow product = codes.ketamineProducts().stream()
                    .filter(row -> med.getCoding().stream().anyMatch(c -> row.matches(c.getSystem(), c.getCode(), List.of()))
                            || (row.text() != null && row.matches(null, null, words)))
                    .findFirst().orElse(null);
            if (product == null) {
                continue;
            }
            ObjectNode session = byDate.computeIfAbsent(day, d -> json.createObjectNode().put("date", d.toString()));
            session.put("modality", product.modality());
            if (a.hasDosage() && a.getDosage().hasDose() && "mg".equals(a.getDosage().getDose().getCode())
                    && a.getDosage().getDose().hasValue()) {
                session.put("doseMg", a.getDosage().getDose().getValue().doubleValue());
            }
            sources.record("course", a);
        }
        if (byDate.isEmpty()) {
            return;
        }
        for (ObjectNode session : byDate.values()) {
            modality = session.path("modality").asText();
        }
        ObjectNode course = req.putObject("course");
        course.put("modality", modality);
        course.putArray("sessions").addAll(byDate.values());
    }

    // --- helpers ---

    private static ObjectNode node(ObjectNode req, String name) {
        return req.has(name) ? (ObjectNode) req.get(name) : req.putObject(name);
    }

    private static boolean current(Condition c) {
        if (c.hasVerificationStatus() && has(c.getVerificationStatus(), "entered-in-error", "refuted")) {
            return false;
        }
        return !c.hasClinicalStatus() || has(c.getClinicalStatus(), "active", "recurrence", "relapse");
    }

    private static boolean has(CodeableConcept cc, String... codes) {
        return cc.getCoding().stream().anyMatch(c -> oneOf(c.getCode(), codes));
    }

    private static boolean usable(Observation o) {
        return o.getStatus() == null || oneOf(o.getStatus().toCode(), "final", "amended", "corrected", "preliminary");
    }

    /** EHR data may leave any code out: null is one of nothing (Set.contains(null) would throw). */
    private static boolean oneOf(String value, String... options) {
        return value != null && Set.of(options).contains(value);
    }

    private static Optional<LocalDate> date(Observation o) {
        if (o.hasEffectiveDateTimeType() && o.getEffectiveDateTimeType().getValue() != null) {
            return Optional.of(toDate(o.getEffectiveDateTimeType().getValue()));
        }
        if (o.hasEffectivePeriod() && o.getEffectivePeriod().getStart() != null) {
            return Optional.of(toDate(o.getEffectivePeriod().getStart()));
        }
        if (o.hasIssued() && o.getIssued() != null) {
            return Optional.of(toDate(o.getIssued()));
        }
        return Optional.empty();
    }

    /** A date an EHR sent without a value (an extension only, say) is no date: null. */
    private static LocalDate toDate(Date d) {
        return d == null ? null : d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** What the observation reports: the first of its codings the table knows. */
    private static FhirTerminology.ObservationRow reads(CodeableConcept cc, FhirTerminology codes) {
        for (String c : codes(cc)) {
            FhirTerminology.ObservationRow row = codes.observations().get(c);
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    private static List<String> codes(Type value) {
        return value instanceof CodeableConcept cc ? codes(cc) : List.of();
    }

    private static List<String> codes(CodeableConcept cc) {
        return cc == null ? List.of()
                : cc.getCoding().stream().map(c -> FhirTerminology.key(c.getSystem(), c.getCode())).toList();
    }

    /**
     * Scores arrive as valueInteger, valueQuantity, valueString ("12") or a coded answer. A whole number too
     * large for any field comes back as {@link #OUT_OF_RANGE}, which the request reader refuses naming the field:
     * never narrowed into a plausible value, never an arithmetic exception.
     */
    static Optional<Long> intValue(Type value, FhirTerminology codes) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof org.hl7.fhir.r4.model.IntegerType i && i.hasValue()) {
            return Optional.of(i.getValue().longValue());
        }
        if (value instanceof Quantity q && q.hasValue()) {
            BigDecimal v = q.getValue().stripTrailingZeros();
            if (v.scale() > 0) {
                return Optional.empty();
            }
            return Optional.of(v.precision() - v.scale() > 18 ? OUT_OF_RANGE : v.longValueExact());
        }
        if (value instanceof org.hl7.fhir.r4.model.StringType s && s.hasValue() && s.getValue().trim().matches("\\d{1,3}")) {
            return Optional.of(Long.valueOf(s.getValue().trim()));
        }
        return codes(value).stream().map(codes.answers()::get).filter(a -> a != null && a.matches("\\d+"))
                .map(Long::valueOf).findFirst();
    }

    /** A blood pressure from a panel's component or from a single observation of that component. */
    private static Optional<Long> pressure(Observation o, String component, FhirTerminology codes) {
        Map<String, Double> mmHg = codes.units().get("pressure");
        for (var c : o.getComponent()) {
            FhirTerminology.ObservationRow row = reads(c.getCode(), codes);
            if (row != null && row.target().equals(component)) {
                Double v = quantity(c.getValue(), mmHg);
                if (v != null) {
                    return Optional.of(whole(v));
                }
            }
        }
        FhirTerminology.ObservationRow row = reads(o.getCode(), codes);
        if (row != null && row.target().equals(component)) {
            Double v = quantity(o.getValue(), mmHg);
            return v == null ? Optional.empty() : Optional.of(whole(v));
        }
        return Optional.empty();
    }

    /** A systolic of 4294967486 was once narrowed to 190: a reading no int holds stays out of range. */
    private static long whole(double v) {
        return Double.isFinite(v) && Math.abs(v) < 1e15 ? Math.round(v) : OUT_OF_RANGE;
    }

    /** A quantity in one of the known units, converted; null when the unit is unknown (never guessed). */
    private static Double quantity(Type value, Map<String, Double> factors) {
        if (!(value instanceof Quantity q) || !q.hasValue() || factors == null) {
            return null;
        }
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        Double factor = unit == null ? null : factors.get(unit);
        return factor == null ? null : q.getValue().doubleValue() * factor;
    }

    private static Boolean yesNo(Type value, FhirTerminology codes) {
        if (value instanceof org.hl7.fhir.r4.model.BooleanType b && b.hasValue()) {
            return b.getValue();
        }
        for (String c : codes(value)) {
            String answer = codes.answers().get(c);
            if ("YES".equals(answer)) {
                return true;
            }
            if ("NO".equals(answer)) {
                return false;
            }
        }
        return null;
    }
}
