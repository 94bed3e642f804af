package org.ketaplan.envelope;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The facts of a request as paths (ENV-05: each one removed in turn, each dated one made older). */
final class Facts {

    /** Dated facts and the window after which they count for nothing (clinical-spec 12, 17, 19). */
    static final Map<String, Integer> WINDOWS = Map.of("vitals", 30, "assessments", 30, "suicideScreen", 30,
            "pregnancyTestDate", 7);

    private Facts() {
    }

    /**
     * Every fact a request states, each of which can be made unknown: each section, each field of a section, each whole
     * list, and each field of a list's entry (a session's MOAA/S, a reading's SpO2), but not the plan date. An entry
     * itself is not one of them: a list says what was recorded, so an entry taken out is another record, not an unknown
     * one (a reading taken out is a newer value missing, which ENV-06 covers from the other side).
     */
    static List<String> paths(ObjectNode request) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getKey().equals("asOf")) {
                collect(e.getValue(), e.getKey(), out);
            }
        }
        // What was given and done is a record, not a fact that can be unknown: no sessions listed is no session given,
        // no step listed is no step taken (api-contract v1.1). A session's fields are facts.
        // A step's fields say what was asked and answered (a clearance for one rule or for all): another record, not
        // an unknown one.
        out.removeIf(p -> p.equals("course") || p.equals("course.sessions") || p.startsWith("clinicianSteps"));
        return out;
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (!path.endsWith("]")) {
            out.add(path);
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                var e = it.next();
                // A record's date identifies it: without it the record is not a fact but an error (400).
                if (!e.getKey().equals("date") && !e.getKey().equals("type") && !e.getKey().equals("outcome")
                        && !e.getKey().equals("instrument") && !e.getKey().equals("name")) {
                    collect(e.getValue(), path + "." + e.getKey(), out);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                collect(a.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** The "no" of each finding that has one: what a yes or a positive value is compared with once it is unknown. */
    private static final Map<String, String> NO = Map.of("pregnancyStatus", "NEGATIVE", "psychoticFeatures", "NONE",
            "bipolarDisorder", "NONE", "ptsd", "NONE", "activeDisorderSeverity", "NONE", "hepaticImpairment", "NONE");

    /**
     * The request with the fact at {@code path} given its reassuring answer (false, NONE, NEGATIVE), or null where
     * the fact already has it or has none (a number, a record).
     */
    static ObjectNode reassuring(ObjectNode request, String path) {
        JsonNode value = at(request, path);
        int dot = path.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String field = path.substring(dot + 1);
        ObjectNode copy = request.deepCopy();
        JsonNode owner = at(copy, path.substring(0, dot));
        if (!(owner instanceof ObjectNode o)) {
            return null;
        }
        if (value.isBoolean() && value.asBoolean()) {
            o.put(field, false);
            return copy;
        }
        if (value.isTextual() && NO.containsKey(field) && !NO.get(field).equals(value.asText())) {
            o.put(field, NO.get(field));
            return copy;
        }
        return null;
    }

    static void remove(ObjectNode request, String path) {
        int dot = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        JsonNode parent = dot < 0 ? request : at(request, path.substring(0, dot));
        String last = path.substring(dot + 1);
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last.replace("]", "")));
        }
    }

    static JsonNode at(JsonNode node, String path) {
        for (String part : path.replace("]", "").split("[.\\[]")) {
            node = node.isArray() ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node;
    }

    /**
     * Dated facts whose date can be moved back: "section[i].date", "suicideScreen.date", "patient.pregnancyTestDate".
     * Only the one value of its kind (the one reading, the one score of an instrument): moved back behind another,
     * it would leave that other the newest, which rightly decides (SAFE-01), and the fact would not be older but
     * replaced.
     */
    static List<String> datedPaths(ObjectNode request) {
        List<String> out = new ArrayList<>();
        if (request.path("vitals").size() == 1) {
            out.add("vitals[0].date");
        }
        JsonNode scores = request.path("assessments");
        for (int i = 0; i < scores.size(); i++) {
            String instrument = scores.get(i).path("instrument").asText();
            long same = 0;
            for (JsonNode a : scores) {
                same += a.path("instrument").asText().equals(instrument) ? 1 : 0;
            }
            if (same == 1) {
                out.add("assessments[" + i + "].date");
            }
        }
        if (request.path("suicideScreen").has("date")) {
            out.add("suicideScreen.date");
        }
        if (request.path("patient").has("pregnancyTestDate")) {
            out.add("patient.pregnancyTestDate");
        }
        return out;
    }

    static int window(String datedPath) {
        return WINDOWS.entrySet().stream().filter(e -> datedPath.startsWith(e.getKey()) || datedPath.endsWith(e.getKey()))
                .mapToInt(Map.Entry::getValue).findFirst().orElse(30);
    }

    /**
     * Moves the fact's date back; false (and nothing moved) where that would carry it past a session or a clinician's
     * step: then it would not only be older but come before what followed it (a screen before the evaluation that
     * answered it, a score before the first session that makes it a baseline), which is another course.
     */
    static boolean moveBack(ObjectNode request, String datedPath, int days) {
        int dot = datedPath.lastIndexOf('.');
        ObjectNode owner = (ObjectNode) at(request, datedPath.substring(0, dot));
        String field = datedPath.substring(dot + 1);
        LocalDate from = LocalDate.parse(owner.get(field).asText());
        LocalDate to = from.minusDays(days);
        List<JsonNode> events = new ArrayList<>();
        request.path("clinicianSteps").forEach(events::add);
        request.path("course").path("sessions").forEach(events::add);
        for (JsonNode e : events) {
            LocalDate d = LocalDate.parse(e.path("date").asText());
            if (!d.isBefore(to) && !d.isAfter(from)) {
                return false;
            }
        }
        owner.put(field, to.toString());
        return true;
    }
}
