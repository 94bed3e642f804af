package org.ketaplan.plan;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.ketaplan.facts.StepOutcome;
import org.ketaplan.facts.StepType;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads a plan request strictly and reports every problem at once, each with its field path: malformed
 * JSON, unknown fields (a typo must not silently drop a safety fact), wrong types, unknown enumeration
 * values, out-of-range values, dates after {@code asOf} and impossible blood pressures.
 */
@ApplicationScoped
public class RequestReader {

    /** A parsed request, plus what plain records cannot say: whether item 6 of the C-SSRS was answered. */
    public record Parsed(PlanRequest request, boolean suicidalBehaviorAnswered) {
    }

    private static final int MAX_PATH_PARTS = 8;
    private static final int MAX_VIOLATIONS = 50;
    /**
     * Dates outside this window are typing errors (a year 57443, a 1066), not clinical history: every date
     * must be on or after 1900-01-01 and on or before {@code asOf}; {@code asOf} itself at most a year
     * after today (a plan prepared ahead of a visit).
     */
    static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    static final int MAX_YEARS_AHEAD = 1;
    /** api-contract v1.2: a first session is planned at most a year ahead. */
    static final int MAX_DAYS_PLANNED_AHEAD = 365;

    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final Validator validator;

    public RequestReader(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper.copy()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // 2.5 adequate trials is not 2: refuse rather than truncate.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // 0 is not POSITIVE and 3 is not CHILD_PUGH_C: an enumeration is only ever its name.
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
        refuseCoercion(this.mapper);
        this.reader = this.mapper.readerFor(PlanRequest.class);
        this.validator = validator;
    }

    /**
     * A value of the wrong JSON type is an error, never converted: "42" is not 42, 1 is not true, 20261121
     * is not a date (Jackson would read it as a day count) and 42 is not the drug name "42". A guess at
     * what the sender meant could turn an error into a safety fact.
     */
    private static void refuseCoercion(ObjectMapper mapper) {
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.DateTime)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        // A date is only ever "YYYY-MM-DD"; strict leniency also refuses 2026-02-30.
        mapper.configOverride(LocalDate.class).setFormat(JsonFormat.Value.forLeniency(false));
    }

    public Parsed read(byte[] body) {
        if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new BadRequestProblem("The request body is empty; send a PlanRequest JSON object.",
                    List.of(new Violation("", "request body is empty")));
        }
        List<Violation> bounds = JsonGuard.check(body, JsonGuard.PLAN_API);
        if (!bounds.isEmpty()) {
            throw new BadRequestProblem(detail(bounds), bounds);
        }
        JsonNode root;
        JsonParser parser = null;
        try {
            parser = mapper.createParser(body);
            root = mapper.readTree(parser);
        } catch (JsonProcessingException e) {
            // Some errors (e.g. nesting over the parser's depth bound) carry no parser; ours knows the place.
            JsonParser at = e.getProcessor() instanceof JsonParser p ? p : parser;
            throw new BadRequestProblem("The request body is not valid JSON.",
                    List.of(new Violation(pathOf(at == null ? null : at.getParsingContext()),
                            "malformed JSON: " + e.getOriginalMessage()
                                    + (e.getLocation() == null ? ""
                                    : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")"))));
        } catch (IOException e) {
            throw new BadRequestProblem("The request body could not be read.", List.of(new Violation("", "unreadable body")));
        } finally {
            closeQuietly(parser);
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestProblem("The request body must be a JSON object (a PlanRequest).",
                    List.of(new Violation("", "must be a JSON object, not " + (root == null ? "nothing"
                            : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)))));
        }

        List<Violation> violations = new ArrayList<>();
        // Named from the tree, not from inside Jackson: where a record waits for a creator property it buffers
        // the rest, and a buffered field loses its parent's path.
        unknownFields(root, PlanRequest.class, "", violations);
        PlanRequest request;
        try {
            request = reader.withHandler(new Collector(violations::add)).treeToValue(root, PlanRequest.class);
        } catch (IOException e) {
            // Whatever the handler could not absorb; still name the place.
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? pathOf(m.getPath()) : "";
            String message = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi
                    && mi.getTargetType() != null ? Collector.expected(mi.getTargetType()) : cleanMessage(e);
            violations.add(new Violation(field, message));
            throw new BadRequestProblem(detail(violations), violations);
        }
        if (request == null) {
            throw new BadRequestProblem("The request body must be a JSON object (a PlanRequest).",
                    List.of(new Violation("", "must be a JSON object")));
        }
        Set<String> jsonFields = new LinkedHashSet<>();
        violations.forEach(v -> jsonFields.add(v.field()));
        for (ConstraintViolation<PlanRequest> v : validator.validate(request)) {
            String field = pathOf(v.getPropertyPath());
            // A value that failed to parse is already reported; do not add "is required" for it.
            if (!jsonFields.contains(field)) {
                violations.add(new Violation(field, v.getMessage()));
            }
        }
        crossFieldChecks(request, violations);
        if (!violations.isEmpty()) {
            violations.sort(java.util.Comparator.comparing(Violation::field));
            throw new BadRequestProblem(detail(violations), capped(violations));
        }
        JsonNode screen = root.get("suicideScreen");
        boolean behaviorAnswered = screen != null && screen.isObject() && screen.has("suicidalBehaviorMonthsAgo");
        return new Parsed(request, behaviorAnswered);
    }

    /** Enough to fix the request; a list of thousands would only cost both sides time. */
    private static List<Violation> capped(List<Violation> violations) {
        if (violations.size() <= MAX_VIOLATIONS) {
            return violations;
        }
        List<Violation> out = new ArrayList<>(violations.subList(0, MAX_VIOLATIONS));
        out.add(new Violation("", "and " + (violations.size() - MAX_VIOLATIONS) + " more violations"));
        return out;
    }

    private static String detail(List<Violation> violations) {
        return violations.size() == 1 ? "1 field is invalid." : violations.size() + " fields are invalid.";
    }

    private static void crossFieldChecks(PlanRequest r, List<Violation> out) {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate latestAsOf = today.plusYears(MAX_YEARS_AHEAD);
        if (r.asOf() != null && (r.asOf().isBefore(EARLIEST_DATE) || r.asOf().isAfter(latestAsOf))) {
            out.add(new Violation("asOf", "must be between " + EARLIEST_DATE + " and " + latestAsOf));
        }
        LocalDate asOf = r.asOf() != null ? r.asOf() : today;
        BiConsumer<String, LocalDate> notAfterAsOf = (field, date) -> {
            if (date != null && date.isAfter(asOf)) {
                out.add(new Violation(field, "must not be after asOf (" + asOf + ")"));
            } else if (date != null && date.isBefore(EARLIEST_DATE)) {
                out.add(new Violation(field, "must not be before " + EARLIEST_DATE));
            }
        };
        if (r.assessments() != null) {
            for (int i = 0; i < r.assessments().size(); i++) {
                PlanRequest.AssessmentInput a = r.assessments().get(i);
                if (a == null) {
                    continue;
                }
                notAfterAsOf.accept("assessments[" + i + "].date", a.date());
                if (a.instrument() != null && a.score() != null
                        && (a.score() < a.instrument().min() || a.score() > a.instrument().max())) {
                    out.add(new Violation("assessments[" + i + "].score", "must be between " + a.instrument().min()
                            + " and " + a.instrument().max() + " for " + a.instrument()));
                }
            }
        }
        if (r.vitals() != null) {
            for (int i = 0; i < r.vitals().size(); i++) {
                PlanRequest.VitalsInput v = r.vitals().get(i);
                if (v == null) {
                    continue;
                }
                notAfterAsOf.accept("vitals[" + i + "].date", v.date());
                if (v.systolic() != null && v.diastolic() != null && v.systolic() <= v.diastolic()) {
                    out.add(new Violation("vitals[" + i + "].systolic", "must be greater than diastolic ("
                            + v.diastolic() + ")"));
                }
                if ((v.systolic() == null) != (v.diastolic() == null)) {
                    out.add(new Violation("vitals[" + i + "]." + (v.systolic() == null ? "systolic" : "diastolic"),
                            "a blood pressure needs both systolic and diastolic"));
                }
            }
        }
        if (r.suicideScreen() != null) {
            notAfterAsOf.accept("suicideScreen.date", r.suicideScreen().date());
        }
        if (r.treatmentHistory() != null && r.treatmentHistory().antidepressantTrials() != null) {
            var trials = r.treatmentHistory().antidepressantTrials();
            for (int i = 0; i < trials.size(); i++) {
                PlanRequest.AntidepressantTrialInput t = trials.get(i);
                if (t == null) {
                    continue;
                }
                String at = "treatmentHistory.antidepressantTrials[" + i + "]";
                notAfterAsOf.accept(at + ".startDate", t.startDate());
                notAfterAsOf.accept(at + ".endDate", t.endDate());
                if (t.startDate() != null && t.endDate() != null && t.endDate().isBefore(t.startDate())) {
                    out.add(new Violation(at + ".endDate", "must not be before startDate (" + t.startDate() + ")"));
                }
            }
        }
        if (r.course() != null && r.course().plannedFirstSession() != null) {
            LocalDate planned = r.course().plannedFirstSession();
            if (planned.isBefore(asOf) || planned.isAfter(asOf.plusDays(MAX_DAYS_PLANNED_AHEAD))) {
                out.add(new Violation("course.plannedFirstSession", "must be between asOf (" + asOf + ") and "
                        + asOf.plusDays(MAX_DAYS_PLANNED_AHEAD)));
            }
        }
        if (r.course() != null && r.course().sessions() != null) {
            for (int i = 0; i < r.course().sessions().size(); i++) {
                PlanRequest.SessionInput s = r.course().sessions().get(i);
                if (s != null) {
                    String at = "course.sessions[" + i + "]";
                    notAfterAsOf.accept(at + ".date", s.date());
                    bloodPressure(at + ".vitalsBefore", s.vitalsBefore(), out);
                    bloodPressure(at + ".vitalsAt40Min", s.vitalsAt40Min(), out);
                    bloodPressure(at + ".vitalsDischarge", s.vitalsDischarge(), out);
                    if (s.adverseEvents() != null && !s.adverseEvents().contains(null)
                            && s.adverseEvents().stream().distinct().count() < s.adverseEvents().size()) {
                        out.add(new Violation(at + ".adverseEvents", "lists an event twice"));
                    }
                }
            }
        }
        if (r.patient() != null) {
            notAfterAsOf.accept("patient.pregnancyTestDate", r.patient().pregnancyTestDate());
        }
        if (r.clinicianSteps() != null) {
            for (int i = 0; i < r.clinicianSteps().size(); i++) {
                PlanRequest.ClinicianStepInput step = r.clinicianSteps().get(i);
                if (step != null) {
                    clinicianStep("clinicianSteps[" + i + "]", step, out);
                    notAfterAsOf.accept("clinicianSteps[" + i + "].date", step.date());
                }
            }
        }
    }

    /** What a step must say to mean one thing (api-contract v1.1, and the modality a refusal or consent is for). */
    private static void clinicianStep(String at, PlanRequest.ClinicianStepInput step, List<Violation> out) {
        if (step.type() == null) {
            return;
        }
        if (step.outcome() != null && !step.type().outcomes().contains(step.outcome())) {
            out.add(new Violation(at + ".outcome", "must be one of " + new java.util.TreeSet<>(step.type().outcomes())
                    + " for " + step.type()));
        }
        if (step.type() == StepType.CLEARANCE && step.reviewer() == null) {
            out.add(new Violation(at + ".reviewer", "is required for a CLEARANCE"));
        }
        if (step.type() != StepType.CLEARANCE && (step.reviewer() != null || step.ruleId() != null)) {
            out.add(new Violation(at + "." + (step.reviewer() != null ? "reviewer" : "ruleId"),
                    "belongs to a CLEARANCE only"));
        }
        boolean modalityNeeded = step.type() == StepType.INFORMED_CONSENT
                || (step.type() == StepType.CLEARANCE && step.outcome() == StepOutcome.NOT_CLEARED);
        if (modalityNeeded && step.modality() == null) {
            out.add(new Violation(at + ".modality", "is required for " + (step.type() == StepType.INFORMED_CONSENT
                    ? "INFORMED_CONSENT" : "a NOT_CLEARED clearance") + ": the modality it is for"));
        }
    }

    private static void bloodPressure(String at, PlanRequest.SessionVitalsInput v, List<Violation> out) {
        if (v == null) {
            return;
        }
        if (v.systolic() != null && v.diastolic() != null && v.systolic() <= v.diastolic()) {
            out.add(new Violation(at + ".systolic", "must be greater than diastolic (" + v.diastolic() + ")"));
        }
        if ((v.systolic() == null) != (v.diastolic() == null)) {
            out.add(new Violation(at + "." + (v.systolic() == null ? "systolic" : "diastolic"),
                    "a blood pressure needs both systolic and diastolic"));
        }
    }

    /** Every field the request's records do not have, by its path ("patient.favouriteColour"). */
    static void unknownFields(JsonNode node, java.lang.reflect.Type type, String path, List<Violation> out) {
        Class<?> raw = type instanceof Class<?> c ? c
                : type instanceof java.lang.reflect.ParameterizedType pt ? (Class<?>) pt.getRawType() : Object.class;
        if (node.isObject() && raw.isRecord()) {
            java.util.Map<String, java.lang.reflect.Type> components = new java.util.HashMap<>();
            for (var rc : raw.getRecordComponents()) {
                components.put(rc.getName(), rc.getGenericType());
            }
            node.fieldNames().forEachRemaining(name -> {
                String at = path.isEmpty() ? name : path + "." + name;
                if (!components.containsKey(name)) {
                    out.add(new Violation(at, "unknown field"));
                } else {
                    unknownFields(node.get(name), components.get(name), at, out);
                }
            });
        } else if (node.isArray() && List.class.isAssignableFrom(raw)
                && type instanceof java.lang.reflect.ParameterizedType pt) {
            for (int i = 0; i < node.size(); i++) {
                unknownFields(node.get(i), pt.getActualTypeArguments()[0], path + "[" + i + "]", out);
            }
        }
    }

    static String pathOf(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    sb.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null && sb.length() > 0 && node.isInIterable()) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(node.getName());
        }
        return sb.toString();
    }

    static String pathOf(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (var ref : refs) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String pathOf(JsonStreamContext ctx) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        // A path a thousand levels deep says no more than its start and would swamp the answer.
        if (parts.size() > MAX_PATH_PARTS) {
            parts = new ArrayList<>(parts.subList(0, MAX_PATH_PARTS));
            parts.add("...");
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // an in-memory parser has nothing to fail on close
            }
        }
    }

    private static String cleanMessage(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return "invalid value";
        }
        // Jackson names Java classes; clients know the JSON names only.
        return m.replaceAll("`?org\\.ketaplan\\.[\\w.$]+`?", "value").replaceAll("\\s+", " ");
    }

    /** Records each problem where it occurs and lets parsing go on, so every problem is reported at once. */
    private static final class Collector extends DeserializationProblemHandler {
        private final java.util.function.Consumer<Violation> sink;

        Collector(java.util.function.Consumer<Violation> sink) {
            this.sink = sink;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            // Already reported by unknownFields(), with its full path.
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                                             String failureMsg) {
            sink.accept(new Violation(pathOf(ctxt.getParser().getParsingContext()), expected(targetType)
                    + ", got \"" + abbreviate(valueToConvert) + "\""));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                                             String failureMsg) {
            sink.accept(new Violation(pathOf(ctxt.getParser().getParsingContext()), expected(targetType)
                    + ", got " + valueToConvert));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                            String failureMsg) throws IOException {
            String got = t == null ? "nothing" : switch (t) {
                case START_ARRAY -> "an array";
                case START_OBJECT -> "an object";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number " + p.getText();
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                default -> t.asString() == null ? t.name().toLowerCase(java.util.Locale.ROOT) : t.asString();
            };
            // On an opening bracket the parser has already stepped inside; the value's path is the parent's.
            JsonStreamContext ctx = p.getParsingContext();
            if ((t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) && ctx.getParent() != null) {
                ctx = ctx.getParent();
            }
            sink.accept(new Violation(pathOf(ctx), expected(targetType.getRawClass()) + ", got " + got));
            p.skipChildren();
            return null;
        }

        static String expected(Class<?> type) {
            if (type.isEnum()) {
                return "must be one of " + Arrays.toString(type.getEnumConstants());
            }
            if (type == LocalDate.class) {
                return "must be a date (YYYY-MM-DD)";
            }
            if (type == Integer.class || type == int.class || type == Long.class) {
                return "must be a whole number";
            }
            if (type == Double.class || type == double.class) {
                return "must be a number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "must be true or false";
            }
            if (type == String.class) {
                return "must be a string";
            }
            if (List.class.isAssignableFrom(type)) {
                return "must be an array";
            }
            return "must be an object";
        }

        private static String abbreviate(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
    }
}
