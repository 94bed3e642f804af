package org.ketaplan.ruleset;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.ketaplan.conclusions.AdjunctType;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.Indication;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.conclusions.NeededBy;
import org.ketaplan.conclusions.PsychotherapyType;
import org.ketaplan.conclusions.ResponseStatus;
import org.ketaplan.conclusions.RiskLevel;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.conclusions.SessionDecision;
import org.ketaplan.conclusions.SeverityLevel;
import org.ketaplan.conclusions.TriageLevel;
import org.ketaplan.facts.AdverseEvent;
import org.ketaplan.facts.BipolarDisorder;
import org.ketaplan.facts.HepaticImpairment;
import org.ketaplan.facts.Instrument;
import org.ketaplan.facts.Modality;
import org.ketaplan.facts.PregnancyStatus;
import org.ketaplan.facts.PsychoticFeatures;
import org.ketaplan.facts.PtsdStatus;
import org.ketaplan.facts.Reviewer;
import org.ketaplan.facts.Sex;
import org.ketaplan.facts.StepOutcome;
import org.ketaplan.facts.StepType;
import org.ketaplan.facts.SudSeverity;

/**
 * The words a clinician reads for each code ({@code rules/terminology/wording.csv} and {@code flag-labels.csv}): one
 * table for the web page and the EHR cards, so the two never word a plan differently and a lead can reword it
 * without a developer. Every value of every vocabulary needs its words; a gap rejects the rule set.
 */
public record Wording(Map<String, Map<String, String>> byType, Map<FlagCode, String> flags) {

    static final String TABLE = "terminology/wording.csv";

    /** The vocabularies, by the name the table and the page use. */
    static final Map<String, Class<? extends Enum<?>>> TYPES = types();

    private static Map<String, Class<? extends Enum<?>>> types() {
        Map<String, Class<? extends Enum<?>>> t = new LinkedHashMap<>();
        t.put("triage", TriageLevel.class);
        t.put("eligibility", EligibilityLevel.class);
        t.put("series", SeriesType.class);
        t.put("maintenance", MaintenanceType.class);
        t.put("psychotherapy", PsychotherapyType.class);
        t.put("adjunct", AdjunctType.class);
        t.put("responseStatus", ResponseStatus.class);
        t.put("suicideRisk", RiskLevel.class);
        t.put("severity", SeverityLevel.class);
        t.put("indication", Indication.class);
        t.put("modality", Modality.class);
        t.put("reviewer", Reviewer.class);
        t.put("neededBy", NeededBy.class);
        t.put("sessionDecision", SessionDecision.class);
        t.put("stepType", StepType.class);
        t.put("stepOutcome", StepOutcome.class);
        t.put("adverseEvent", AdverseEvent.class);
        t.put("instrument", Instrument.class);
        t.put("sex", Sex.class);
        t.put("pregnancyStatus", PregnancyStatus.class);
        t.put("ptsd", PtsdStatus.class);
        t.put("bipolarDisorder", BipolarDisorder.class);
        t.put("psychoticFeatures", PsychoticFeatures.class);
        t.put("substanceUseSeverity", SudSeverity.class);
        t.put("hepaticImpairment", HepaticImpairment.class);
        return Map.copyOf(t);
    }

    /** The words for a code; the code itself if the vocabulary is not worded (never for a loaded rule set). */
    public String of(String type, Enum<?> value) {
        if (value == null) {
            return null;
        }
        return byType.getOrDefault(type, Map.of()).getOrDefault(value.name(), value.name());
    }

    public String flag(FlagCode flag) {
        return flags.getOrDefault(flag, flag.name());
    }

    static Wording read(List<CsvTable.Row> rows, Map<FlagCode, String> flags, String file, List<RuleProblem> problems) {
        Map<String, Map<String, String>> byType = new LinkedHashMap<>();
        for (CsvTable.Row row : rows) {
            Class<? extends Enum<?>> type = TYPES.get(row.get("type"));
            if (type == null) {
                problems.add(row.problem("type must be one of " + new TreeSet<>(TYPES.keySet()) + ", got '"
                        + row.get("type") + "'"));
                continue;
            }
            boolean known = Arrays.stream(type.getEnumConstants()).anyMatch(e -> e.name().equals(row.get("value")));
            if (!known) {
                problems.add(row.problem("'" + row.get("value") + "' is not a value of " + row.get("type")));
                continue;
            }
            if (row.get("words").isEmpty()
                    || byType.computeIfAbsent(row.get("type"), k -> new LinkedHashMap<>())
                            .put(row.get("value"), row.get("words")) != null) {
                problems.add(row.problem(row.get("type") + " " + row.get("value") + " needs its words, on one row"));
            }
        }
        if (!rows.isEmpty()) {
            TYPES.forEach((name, type) -> {
                for (Enum<?> value : type.getEnumConstants()) {
                    if (!byType.getOrDefault(name, Map.of()).containsKey(value.name())) {
                        problems.add(new RuleProblem(file, 0, "no words for " + name + " " + value.name()));
                    }
                }
            });
        }
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        byType.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        return new Wording(Map.copyOf(frozen), Map.copyOf(flags));
    }
}
