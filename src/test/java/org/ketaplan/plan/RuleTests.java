package org.ketaplan.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ketaplan.conclusions.FlagCode;

/** Requests and plan readers the rule tests share. */
public final class RuleTests {

    public static Requests complete() {
        return Requests.complete();
    }

    public static List<String> clearanceRules(TreatmentPlan p) {
        return p.clearances().stream().map(TreatmentPlan.ClearanceItem::ruleId).toList();
    }

    public static List<String> missingFacts(TreatmentPlan p) {
        return p.missingData().stream().map(TreatmentPlan.MissingItem::fact).toList();
    }

    public static List<String> flagRules(TreatmentPlan p, FlagCode code) {
        return p.flagDetails().stream().filter(f -> f.flag() == code).map(TreatmentPlan.FlagItem::ruleId).toList();
    }

    public static final LocalDate AS_OF = LocalDate.parse("2026-11-21");

    public static final List<String> SESSIONS = List.of("2026-10-26", "2026-10-29", "2026-11-02", "2026-11-05",
            "2026-11-09", "2026-11-12", "2026-11-14", "2026-11-16");

    /** TRD with confirmed PTSD, every safety fact known (Requests.complete()). */
    public static Requests trd() {
        return Requests.complete();
    }

    /** Confirmed PTSD after trauma-focused therapy and an SSRI, PCL-5 50, no major depression. */
    public static Requests ptsdOnly() {
        return Requests.complete().set("diagnoses.majorDepressiveDisorder", false)
                .set("treatmentHistory.adequateAntidepressantTrials", 0).set("assessments[0].score", 8);
    }

    /**
     * A course of {@code given} sessions from 2026-10-26, a baseline of each listed instrument on 2026-10-20
     * and a current score on 2026-11-20: pairs of (instrument, baseline, current).
     */
    public static Requests course(Requests r, String modality, int given, Object... pairs) {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < given; i++) {
            sessions.add("{\"date\":\"" + SESSIONS.get(i) + "\"}");
        }
        r.setJson("course", "{\"modality\":\"" + modality + "\",\"sessions\":[" + String.join(",", sessions) + "]}");
        List<String> scores = new ArrayList<>(List.of("{\"instrument\":\"PHQ9_ITEM9\",\"score\":0,\"date\":\"2026-11-20\"}"));
        for (int i = 0; i < pairs.length; i += 3) {
            scores.add(score(pairs[i], pairs[i + 1], "2026-10-20"));
            scores.add(score(pairs[i], pairs[i + 2], "2026-11-20"));
        }
        return r.setJson("assessments", "[" + String.join(",", scores) + "]");
    }

    public static String score(Object instrument, Object score, String date) {
        return "{\"instrument\":\"" + instrument + "\",\"score\":" + score + ",\"date\":\"" + date + "\"}";
    }

    public static List<FlagCode> flags(TreatmentPlan p) {
        return p.flags();
    }

    private RuleTests() {
    }
}
