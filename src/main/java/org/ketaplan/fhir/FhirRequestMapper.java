package org.ketaplan.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.ketaplan.engine.Terminology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns EHR FHIR data into a v1 PlanRequest, so that EHR calls go through the same strict reader, rules
 * and plan as the JSON API. Codes are matched by value set (LOINC or SNOMED, ICD-10-CM or SNOMED);
 * entered-in-error records are ignored and a refuted condition counts as ruled out. What the data cannot
 * show is left out of the request,
 * so it stays unknown and the plan lists it to collect: an absent diagnosis is not a "no".
 */
public final class FhirRequestMapper {

    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";

    static final Set<String> PHQ9_TOTAL = Set.of(LOINC + "|44261-6", LOINC + "|89204-2", SNOMED + "|720433000");
    static final String PHQ9_ITEM9 = LOINC + "|44260-8";
    /** Stands for a number far outside every field's range; the request reader refuses it, naming the field. */
    static final long OUT_OF_RANGE = Long.MAX_VALUE;
    static final Map<String, Integer> PHQ9_ANSWERS = Map.of("LA6568-5", 0, "LA6569-3", 1, "LA6570-1", 2, "LA6571-9", 3);
    static final String BP_PANEL = LOINC + "|85354-9";
    static final String SYSTOLIC = LOINC + "|8480-6";
    static final String DIASTOLIC = LOINC + "|8462-4";
    static final String HEART_RATE = LOINC + "|8867-4";
    static final String WEIGHT = LOINC + "|29463-7";
    static final String HEIGHT = LOINC + "|8302-2";
    static final String PREGNANCY = LOINC + "|82810-3";
    /** C-SSRS screener items (HL7 BHP IG) to PlanRequest fields. */
    static final Map<String, String> CSSRS = Map.of(
            LOINC + "|93246-7", "wishToBeDead",
            LOINC + "|93247-5", "nonSpecificActiveThoughts",
            LOINC + "|93248-3", "methodWithoutIntent",
            LOINC + "|93249-1", "intentWithoutPlan",
            LOINC + "|93250-9", "intentWithPlan");
    static final String CSSRS_BEHAVIOR_EVER = LOINC + "|93267-3";
    static final String CSSRS_BEHAVIOR_3_MONTHS = LOINC + "|93269-9";

    private final String pcl5Code;
    private final ObjectMapper json;

    /** @param pcl5Code system|code of the PCL-5 total at this site (no LOINC code could be verified) */
    public FhirRequestMapper(String pcl5Code, ObjectMapper json) {
        this.pcl5Code = pcl5Code;
        this.json = json;
    }

    public ObjectNode toRequest(FhirFacts facts, LocalDate asOf, Terminology terminology) {
        ObjectNode req = json.createObjectNode();
        req.put("asOf", asOf.toString());
        patient(facts, asOf, req);
        conditions(facts, req);
        observations(facts, asOf, req);
        medications(facts, terminology, req);
        procedures(facts, req);
        return req;
    }

    private static void patient(FhirFacts facts, LocalDate asOf, ObjectNode req) {
        if (facts.patient == null) {
            return;
        }
        ObjectNode p = req.putObject("patient");
        LocalDate born = facts.patient.hasBirthDate() ? toDate(facts.patient.getBirthDate()) : null;
        if (born != null) {
            // A long: a birth date in year 9999 is out of range for the reader, never a wrapped int.
            p.put("ageYears", ChronoUnit.YEARS.between(born, asOf));
        }
        if (facts.patient.hasGender()) {
            Enumerations.AdministrativeGender g = facts.patient.getGender();
            p.put("sex", switch (g) {
                case FEMALE -> "FEMALE";
                case MALE -> "MALE";
                case OTHER -> "OTHER";
                default -> "UNKNOWN";
            });
        }
    }

    private static void conditions(FhirFacts facts, ObjectNode req) {
        // A refuted condition is the EHR's way of saying "ruled out": that is a "no" the rules can use.
        for (Condition c : facts.conditions) {
            if (c.hasVerificationStatus() && has(c.getVerificationStatus(), "refuted")) {
                refuted(c, req);
            }
        }
        for (Condition c : facts.conditions) {
            if (!current(c)) {
                continue;
            }
            boolean provisional = c.hasVerificationStatus() && has(c.getVerificationStatus(), "provisional", "differential");
            for (Coding code : c.getCode().getCoding()) {
                String sys = code.getSystem();
                String v = code.getCode() == null ? "" : code.getCode().toUpperCase(Locale.ROOT);
                boolean icd = ICD10CM.equals(sys);
                boolean snomed = SNOMED.equals(sys);
                if ((icd && (v.startsWith("F32") || v.startsWith("F33")))
                        || (snomed && Set.of("370143000", "36923009", "310496002", "268621008").contains(v))) {
                    node(req, "diagnoses").put("majorDepressiveDisorder", true);  // a current diagnosis outranks a refuted one
                    if (icd && (v.equals("F32.3") || v.equals("F33.3"))) {
                        node(req, "diagnoses").put("psychoticFeatures", "CURRENT");
                    }
                } else if ((icd && v.startsWith("F43.1")) || (snomed && v.equals("47505003"))) {
                    // A provisional diagnosis is "probable"; a confirmed one must not be downgraded by it.
                    if (!"CONFIRMED".equals(node(req, "diagnoses").path("ptsd").asText()) || !provisional) {
                        node(req, "diagnoses").put("ptsd", provisional ? "PROBABLE" : "CONFIRMED");
                    }
                } else if ((icd && v.startsWith("F31")) || (snomed && v.equals("13746004"))) {
                    // Either type needs the same psychiatrist clearance (RC-05); II only when coded as such.
                    node(req, "diagnoses").put("bipolarDisorder", icd && v.equals("F31.81") ? "BIPOLAR_II" : "BIPOLAR_I");
                } else if ((icd && v.matches("F2[0-9].*")) || (snomed && v.equals("58214004"))) {
                    node(req, "diagnoses").put("primaryPsychoticDisorder", true);
                } else if ((icd && v.matches("I1[0-5].*")) || (snomed && v.equals("38341003"))) {
                    node(req, "medicalHistory").put("hypertension", true);
                } else if (icd && (v.startsWith("I71") || v.startsWith("I72") || v.equals("I67.1"))) {
                    node(req, "medicalHistory").put("aneurysmalVascularDisease", true);
                } else if (icd && (v.startsWith("Q28.2") || v.startsWith("Q28.3"))) {
                    node(req, "medicalHistory").put("arteriovenousMalformation", true);
                } else if (icd && (v.startsWith("I61") || v.startsWith("I62"))) {
                    node(req, "medicalHistory").put("intracerebralHemorrhage", true);
                } else if (icd && (v.startsWith("O14") || v.startsWith("O15"))) {
                    node(req, "medicalHistory").put("preeclampsia", true);
                } else if (icd && v.matches("F1[0-6,8-9]\\.[12].*")) {
                    substanceUse(req, v);
                }
            }
        }
    }

    private static void refuted(Condition c, ObjectNode req) {
        for (Coding code : c.getCode().getCoding()) {
            String v = code.getCode() == null ? "" : code.getCode().toUpperCase(Locale.ROOT);
            boolean icd = ICD10CM.equals(code.getSystem());
            boolean snomed = SNOMED.equals(code.getSystem());
            if ((icd && (v.startsWith("F32") || v.startsWith("F33"))) || (snomed && v.equals("370143000"))) {
                putIfAbsent(node(req, "diagnoses"), "majorDepressiveDisorder", false);
            } else if ((icd && v.startsWith("F43.1")) || (snomed && v.equals("47505003"))) {
                if (!node(req, "diagnoses").has("ptsd")) {
                    node(req, "diagnoses").put("ptsd", "NONE");
                }
            } else if ((icd && v.startsWith("F31")) || (snomed && v.equals("13746004"))) {
                if (!node(req, "diagnoses").has("bipolarDisorder")) {
                    node(req, "diagnoses").put("bipolarDisorder", "NONE");
                }
            } else if ((icd && v.matches("I1[0-5].*")) || (snomed && v.equals("38341003"))) {
                putIfAbsent(node(req, "medicalHistory"), "hypertension", false);
            }
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, boolean value) {
        if (!node.has(field)) {
            node.put(field, value);
        }
    }

    /** ICD-10-CM F1x.1 abuse ~ mild, F1x.2 dependence ~ moderate or worse, ".x1" in remission. */
    private static void substanceUse(ObjectNode req, String code) {
        ObjectNode s = node(req, "substanceUse");
        boolean remission = code.matches("F1\\d\\.[12]1.*");
        if (remission) {
            s.put("pastDisorder", true);
            return;
        }
        String severity = code.charAt(4) == '2' ? "MODERATE" : "MILD";
        if (!"MODERATE".equals(s.path("activeDisorderSeverity").asText())) {
            s.put("activeDisorderSeverity", severity);
        }
        String substance = switch (code.substring(0, 3)) {
            case "F10" -> "alcohol";
            case "F11" -> "opioids";
            case "F12" -> "cannabis";
            case "F13" -> "sedatives";
            case "F14" -> "cocaine";
            case "F15" -> "stimulants";
            case "F16" -> "hallucinogens";
            default -> "other";
        };
        ArrayNode list = s.has("substances") ? (ArrayNode) s.get("substances") : s.putArray("substances");
        list.add(substance);
    }

    private void observations(FhirFacts facts, LocalDate asOf, ObjectNode req) {
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

        List<Observation> usable = facts.observations.stream().filter(FhirRequestMapper::usable)
                .filter(o -> date(o).map(d -> !d.isAfter(asOf)).orElse(false))
                .sorted(Comparator.comparing(o -> date(o).orElseThrow()))
                .toList();
        for (Observation o : usable) {
            LocalDate d = date(o).orElseThrow();
            if (matches(o.getCode(), PHQ9_TOTAL::contains)) {
                intValue(o.getValue()).ifPresent(v -> assessments.add(assessment("PHQ9", v, d)));
            } else if (matches(o.getCode(), PHQ9_ITEM9::equals)) {
                intValue(o.getValue()).ifPresent(v -> assessments.add(assessment("PHQ9_ITEM9", v, d)));
            } else if (pcl5Code != null && matches(o.getCode(), pcl5Code::equals)) {
                intValue(o.getValue()).ifPresent(v -> assessments.add(assessment("PCL5", v, d)));
            } else if (matches(o.getCode(), BP_PANEL::equals) || matches(o.getCode(), SYSTOLIC::equals)
                    || matches(o.getCode(), DIASTOLIC::equals)) {
                ObjectNode vit = vitalsByDate.computeIfAbsent(d, k -> vitals(k));
                component(o, SYSTOLIC).ifPresent(v -> vit.put("systolic", v));
                component(o, DIASTOLIC).ifPresent(v -> vit.put("diastolic", v));
            } else if (matches(o.getCode(), HEART_RATE::equals)) {
                intValue(o.getValue()).ifPresent(v -> vitalsByDate.computeIfAbsent(d, k -> vitals(k)).put("heartRate", v));
            } else if (matches(o.getCode(), WEIGHT::equals)) {
                Double kg = quantity(o.getValue(), Map.of("kg", 1.0, "g", 0.001, "[lb_av]", 0.45359237));
                if (kg != null) {
                    weight = kg;
                    weightDate = d;
                }
            } else if (matches(o.getCode(), HEIGHT::equals)) {
                Double cm = quantity(o.getValue(), Map.of("cm", 1.0, "m", 100.0, "[in_i]", 2.54));
                if (cm != null) {
                    height = cm;
                    heightDate = d;
                }
            } else if (matches(o.getCode(), PREGNANCY::equals)) {
                pregnancy = o;
            } else {
                String item = CSSRS.entrySet().stream().filter(e -> matches(o.getCode(), e.getKey()::equals))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                Boolean yes = yesNo(o.getValue());
                if (item != null && yes != null) {
                    screen.put(item, yes);
                    screenDate = d;
                } else if (matches(o.getCode(), CSSRS_BEHAVIOR_EVER::equals) && yes != null) {
                    behaviorEver = yes;
                    screenDate = d;
                } else if (matches(o.getCode(), CSSRS_BEHAVIOR_3_MONTHS::equals) && yes != null) {
                    behaviorRecent = yes;
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
            String status = codes(pregnancy.getValue()).stream().map(c -> switch (c) {
                case SNOMED + "|77386006" -> "POSITIVE";
                case SNOMED + "|60001007" -> "NEGATIVE";
                case SNOMED + "|261665006" -> "UNKNOWN";
                default -> null;
            }).filter(java.util.Objects::nonNull).findFirst().orElse(null);
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
                .map(m -> m.hasMedicationCodeableConcept() ? m.getMedicationCodeableConcept() : null)
                .forEach(cc -> addMedication(cc, terminology, meds, seen));
        facts.medicationStatements.stream()
                .filter(m -> m.getStatus() == null || oneOf(m.getStatus().toCode(), "active", "intended"))
                .map(m -> m.hasMedicationCodeableConcept() ? m.getMedicationCodeableConcept() : null)
                .forEach(cc -> addMedication(cc, terminology, meds, seen));
    }

    /**
     * Finds the generic name in "Sertraline 100 MG Oral Tablet": the first word the medication table
     * knows, else the first word (which the plan will flag as unrecognised).
     */
    private void addMedication(CodeableConcept cc, Terminology terminology, ArrayNode meds, java.util.Set<String> seen) {
        if (cc == null) {
            return;
        }
        String text = cc.hasText() ? cc.getText()
                : cc.getCoding().stream().map(Coding::getDisplay).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (text == null || text.isBlank()) {
            return;
        }
        String[] words = text.toLowerCase(Locale.ROOT).split("[^a-z']+");
        String name = java.util.Arrays.stream(words).filter(w -> terminology.lookup(w) != null).findFirst()
                .orElse(java.util.Arrays.stream(words).filter(w -> !w.isBlank()).findFirst().orElse(text));
        if (seen.add(name)) {
            meds.addObject().put("name", name);
        }
    }

    private static void procedures(FhirFacts facts, ObjectNode req) {
        facts.procedures.stream()
                .filter(p -> p.getStatus() != null && "completed".equals(p.getStatus().toCode()))
                .forEach(p -> {
                    if (matches(p.getCode(), (SNOMED + "|406185000")::equals)) {
                        node(req, "treatmentHistory").put("traumaFocusedPsychotherapyCompleted", true);
                    } else if (matches(p.getCode(), (SNOMED + "|228557008")::equals)) {
                        node(req, "treatmentHistory").put("depressionPsychotherapyCompleted", true);
                    }
                });
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

    private static boolean matches(CodeableConcept cc, Predicate<String> systemCode) {
        return cc != null && cc.getCoding().stream().anyMatch(c -> systemCode.test(c.getSystem() + "|" + c.getCode()));
    }

    private static List<String> codes(Type value) {
        return value instanceof CodeableConcept cc
                ? cc.getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode()).toList() : List.of();
    }

    /**
     * Scores arrive as valueInteger, valueQuantity, valueString ("12") or a LOINC answer code. A whole number too
     * large for any field comes back as {@link #OUT_OF_RANGE}, which the request reader refuses naming the field:
     * never narrowed into a plausible value, never an arithmetic exception.
     */
    static Optional<Long> intValue(Type value) {
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
        if (value instanceof CodeableConcept cc) {
            return cc.getCoding().stream().filter(c -> c.getCode() != null).map(c -> PHQ9_ANSWERS.get(c.getCode()))
                    .filter(java.util.Objects::nonNull)
                    .map(Integer::longValue).findFirst();
        }
        return Optional.empty();
    }

    private static Optional<Long> component(Observation o, String code) {
        for (var c : o.getComponent()) {
            if (matches(c.getCode(), code::equals)) {
                Double v = quantity(c.getValue(), Map.of("mm[Hg]", 1.0, "mmHg", 1.0));
                if (v != null) {
                    return Optional.of(whole(v));
                }
            }
        }
        if (matches(o.getCode(), code::equals)) {
            Double v = quantity(o.getValue(), Map.of("mm[Hg]", 1.0, "mmHg", 1.0));
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
        if (!(value instanceof Quantity q) || !q.hasValue()) {
            return null;
        }
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        Double factor = unit == null ? null : factors.get(unit);
        return factor == null ? null : q.getValue().doubleValue() * factor;
    }

    private static Boolean yesNo(Type value) {
        if (value instanceof org.hl7.fhir.r4.model.BooleanType b && b.hasValue()) {
            return b.getValue();
        }
        for (String c : codes(value)) {
            if (c.equals(LOINC + "|LA33-6") || c.equals(SNOMED + "|373066001")) {
                return true;
            }
            if (c.equals(LOINC + "|LA32-8") || c.equals(SNOMED + "|373067005")) {
                return false;
            }
        }
        return null;
    }
}
