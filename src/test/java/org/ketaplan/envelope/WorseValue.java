package org.ketaplan.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A newer, worse value of one safety measure (ENV-06). Each is compared with the same measure taken again as new but
 * unchanged: a screen or reading of today may itself be what a session needs (SES-01), so "newer" alone may rightly
 * allow a session; "worse" never may.
 */
enum WorseValue {

    HIGHER_BLOOD_PRESSURE {
        @Override
        ObjectNode retaken(ObjectNode r, boolean worse) {
            JsonNode latest = latestVitals(r);
            if (latest == null || !latest.has("systolic")) {
                return null;
            }
            ObjectNode reading = ((ObjectNode) latest).deepCopy().put("date", today(r));
            if (worse) {
                int sys = Math.min(300, reading.get("systolic").asInt() + 25);
                reading.put("systolic", sys).put("diastolic", Math.min(sys - 1, Math.min(200, reading.get("diastolic").asInt() + 15)));
            }
            r.withArray("vitals").add(reading);
            return r;
        }
    },
    LOWER_OXYGEN_SATURATION {
        @Override
        ObjectNode retaken(ObjectNode r, boolean worse) {
            JsonNode latest = latestVitals(r);
            if (latest == null || !latest.has("spo2")) {
                return null;
            }
            ObjectNode reading = ((ObjectNode) latest).deepCopy().put("date", today(r));
            if (worse) {
                reading.put("spo2", Math.max(50, reading.get("spo2").asInt() - 8));
            }
            r.withArray("vitals").add(reading);
            return r;
        }
    },
    HIGHER_PHQ9_ITEM_9 {
        @Override
        ObjectNode retaken(ObjectNode r, boolean worse) {
            return score(r, "PHQ9_ITEM9", 3, 1, worse);
        }
    },
    HIGHER_YMRS {
        @Override
        ObjectNode retaken(ObjectNode r, boolean worse) {
            return score(r, "YMRS", 60, 12, worse);
        }
    },
    SUICIDAL_THOUGHTS_ON_THE_C_SSRS {
        @Override
        ObjectNode retaken(ObjectNode r, boolean worse) {
            if (!r.has("suicideScreen") || r.path("suicideScreen").path("nonSpecificActiveThoughts").asBoolean()) {
                return null;
            }
            ObjectNode s = r.withObject("suicideScreen").put("date", today(r));
            if (worse) {
                s.put("wishToBeDead", true).put("nonSpecificActiveThoughts", true);
            }
            return r;
        }
    },
    METHOD_ON_THE_C_SSRS {
        @Override
        ObjectNode retaken(ObjectNode r, boolean worse) {
            JsonNode s = r.path("suicideScreen");
            if (!s.path("nonSpecificActiveThoughts").asBoolean() || s.path("methodWithoutIntent").asBoolean()) {
                return null;
            }
            ObjectNode screen = r.withObject("suicideScreen").put("date", today(r));
            if (worse) {
                screen.put("methodWithoutIntent", true);
            }
            return r;
        }
    },
    SERIOUS_EVENT_AT_THE_LAST_SESSION {
        @Override
        ObjectNode retaken(ObjectNode r, boolean worse) {
            JsonNode sessions = r.path("course").path("sessions");
            if (sessions.isEmpty()) {
                return null;
            }
            ObjectNode last = null;
            for (JsonNode s : sessions) {
                if (last == null || s.path("date").asText().compareTo(last.path("date").asText()) >= 0) {
                    last = (ObjectNode) s;
                }
            }
            if (worse && !last.path("adverseEvents").toString().contains("OTHER_SERIOUS")) {
                last.withArray("adverseEvents").add("OTHER_SERIOUS");
            }
            return r;
        }
    },
    POSITIVE_PREGNANCY_TEST {
        @Override
        ObjectNode retaken(ObjectNode r, boolean worse) {
            if (r.path("patient").path("sex").asText().equals("MALE")
                    || !r.path("patient").path("pregnancyStatus").asText().equals("NEGATIVE")) {
                return null;
            }
            r.withObject("patient").put("pregnancyTestDate", today(r)).put("pregnancyStatus", worse ? "POSITIVE" : "NEGATIVE");
            return r;
        }
    },
    CURRENT_PSYCHOTIC_FEATURES {
        @Override
        ObjectNode retaken(ObjectNode r, boolean worse) {
            if (!r.has("diagnoses") || r.path("diagnoses").path("psychoticFeatures").asText().equals("CURRENT")) {
                return null;
            }
            if (worse) {
                r.withObject("diagnoses").put("psychoticFeatures", "CURRENT");
            }
            return r;
        }
    },
    CURRENT_MANIA {
        @Override
        ObjectNode retaken(ObjectNode r, boolean worse) {
            if (!r.has("diagnoses") || r.path("diagnoses").path("currentManicHypomanicOrMixedEpisode").asBoolean()) {
                return null;
            }
            if (worse) {
                r.withObject("diagnoses").put("currentManicHypomanicOrMixedEpisode", true);
            }
            return r;
        }
    };

    /**
     * The request with the measure taken again today, unchanged ({@code worse} false) or worse; null where the request
     * has nothing of the kind to make worse. Changes {@code r}.
     */
    abstract ObjectNode retaken(ObjectNode r, boolean worse);

    private static String today(ObjectNode r) {
        return r.path("asOf").asText();
    }

    private static JsonNode latestVitals(ObjectNode r) {
        JsonNode latest = null;
        for (JsonNode v : r.path("vitals")) {
            if (latest == null || v.path("date").asText().compareTo(latest.path("date").asText()) > 0) {
                latest = v;
            }
        }
        return latest;
    }

    private static ObjectNode score(ObjectNode r, String instrument, int max, int floor, boolean worse) {
        JsonNode latest = null;
        for (JsonNode a : r.path("assessments")) {
            if (a.path("instrument").asText().equals(instrument)
                    && (latest == null || a.path("date").asText().compareTo(latest.path("date").asText()) >= 0)) {
                latest = a;
            }
        }
        int value = latest == null ? 0 : latest.path("score").asInt();
        if (worse && value >= max) {
            return null;
        }
        int score = worse ? Math.max(value + 1, floor) : value;
        r.withArray("assessments").addObject().put("instrument", instrument).put("score", Math.min(max, score))
                .put("date", today(r));
        return r;
    }
}
