package org.ketaplan.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The FHIR code maps of {@code rules/terminology/fhir-*.csv}: which EHR codes set which request facts, what an
 * observation reports, coded answers, units, and the codes written into a plan's FHIR resources. Data a
 * clinical lead reads and reloads like any rule; the Java that applies them holds no code.
 */
public record FhirTerminology(
        List<ConditionRow> conditions,
        Map<String, List<String>> strength,
        Map<String, ObservationRow> observations,
        Map<String, String> answers,
        Map<String, Map<String, Double>> units,
        Map<String, List<ProcedureRow>> procedures,
        Map<String, PlanCode> planCodes,
        List<AllergyRow> allergies,
        List<ProductRow> ketamineProducts,
        Map<String, MedicationCode> medicationCodes) {

    /** A medication coding's generic name and, where one unit holds one, its strength in mg (null otherwise). */
    public record MedicationCode(String name, Double strengthMg) {
    }

    /** The medication a coding stands for, or null. */
    public MedicationCode medication(String system, String code) {
        return system == null || code == null ? null : medicationCodes.get(system + "|" + code);
    }

    /** A medication given that is a ketamine session of {@code modality} (fhir-ketamine-products.csv). */
    public record ProductRow(String system, String code, String text, String modality) {
        public boolean matches(String system, String code, List<String> words) {
            if (this.code != null) {
                return this.code.equals(code) && this.system.equals(system);
            }
            return words.stream().anyMatch(w -> w != null
                    && w.toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /**
     * An allergy record sets {@code sets} to {@code value} when it has this coding, or names {@code text}. A value of
     * false is an explicit negative statement: it counts only when recorded at most {@code maxAgeDays} before the plan
     * date, and never against a record that sets the same fact to true.
     */
    public record AllergyRow(String system, String code, String text, String sets, String value, Integer maxAgeDays) {

        public boolean negative() {
            return "false".equals(value);
        }

        public boolean matches(String system, String code) {
            return this.code != null && this.code.equals(code) && this.system != null && this.system.equals(system);
        }

        public boolean named(String words) {
            return text != null && words != null
                    && words.toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** system|code of an EHR coding, the key of every map here. */
    public static String key(String system, String code) {
        return system + "|" + code;
    }

    /** {@code at} is the row's file and line, for messages. */
    public record ConditionRow(String system, String code, boolean prefix, String sets, String value,
                               String provisionalValue, String refutedValue, String historyValue, String at) {
        public boolean matches(String system, String code) {
            return this.system.equals(system) && code != null
                    && (prefix ? code.toUpperCase(java.util.Locale.ROOT).startsWith(this.code)
                    : code.equalsIgnoreCase(this.code));
        }
    }

    /** {@code reads} is kind:target, e.g. assessment:PHQ9 or screen:wishToBeDead. */
    public record ObservationRow(String system, String code, String kind, String target, String prefetch) {
    }

    public record ProcedureRow(String sets, String value, String at) {
    }

    public record PlanCode(String system, String code, String display) {
    }

    /** The rows that apply to one coding: the most specific matching code's rows, all of them. */
    public List<ConditionRow> conditionRows(String system, String code) {
        List<ConditionRow> best = new ArrayList<>();
        int bestLength = -1;
        for (ConditionRow row : conditions) {
            if (!row.matches(system, code)) {
                continue;
            }
            int length = row.code().length() + (row.prefix() ? 0 : 1000);
            if (length > bestLength) {
                best.clear();
                bestLength = length;
            }
            if (length == bestLength) {
                best.add(row);
            }
        }
        return best;
    }

    /** The observation codes each prefetch query asks for, in table order. */
    public Map<String, List<String>> prefetchCodes() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        observations.values().forEach(o -> {
            if (!o.prefetch().isEmpty()) {
                out.computeIfAbsent(o.prefetch(), k -> new ArrayList<>()).add(key(o.system(), o.code()));
            }
        });
        return out;
    }

    static final String CONDITIONS = "terminology/fhir-conditions.csv";
    static final String STRENGTH = "terminology/fhir-value-strength.csv";
    static final String OBSERVATIONS = "terminology/fhir-observations.csv";
    static final String ANSWERS = "terminology/fhir-answers.csv";
    static final String UNITS = "terminology/fhir-units.csv";
    static final String PROCEDURES = "terminology/fhir-procedures.csv";
    static final String PLAN_CODES = "terminology/fhir-plan-codes.csv";
    static final String ALLERGIES = "terminology/fhir-allergies.csv";
    static final String MEDICATION_CODES = "terminology/fhir-medication-codes.csv";
    static final String KETAMINE_PRODUCTS = "terminology/fhir-ketamine-products.csv";

    private static final Map<String, String> SYSTEMS = Map.of(
            "icd-10-cm", "http://hl7.org/fhir/sid/icd-10-cm", "snomed", "http://snomed.info/sct",
            "rxnorm", "http://www.nlm.nih.gov/research/umls/rxnorm");
    private static final Pattern PATH = Pattern.compile("[a-z][A-Za-z]*\\.[a-z][A-Za-z]*(\\[\\])?");
    private static final Pattern URL = Pattern.compile("(https?|urn):\\S+");
    /** What an observation may report: the request fields the mapping knows how to fill. */
    private static final Map<String, Set<String>> READS = Map.of(
            "assessment", Set.of("PHQ9", "PHQ9_ITEM9", "MADRS", "QIDS_SR16", "PCL5", "CAPS5", "YMRS", "CADSS"),
            "vitals", Set.of("systolic", "diastolic", "panel", "heartRate", "spo2"),
            "patient", Set.of("weightKg", "heightCm", "pregnancyStatus"),
            "screen", Set.of("wishToBeDead", "nonSpecificActiveThoughts", "methodWithoutIntent", "intentWithoutPlan",
                    "intentWithPlan", "imminentDanger", "behaviorEver", "behaviorWithin3Months"));

    /** Reads every table; each invalid row adds a problem naming its file and line. */
    static FhirTerminology read(Map<String, byte[]> files, String displayDir, List<RuleProblem> problems) {
        List<ConditionRow> conditions = new ArrayList<>();
        for (CsvTable.Row row : table(files, displayDir, CONDITIONS, problems,
                "system", "code", "match", "sets", "value", "provisional_value", "refuted_value", "history_value")) {
            String system = SYSTEMS.getOrDefault(row.get("system"), row.get("system"));
            if (!URL.matcher(system).matches() || row.get("code").isEmpty()) {
                problems.add(row.problem("a condition row needs a system (icd-10-cm, snomed or a URL) and a code"));
                continue;
            }
            if (!Set.of("exact", "prefix").contains(row.get("match"))) {
                problems.add(row.problem("match must be exact or prefix, got '" + row.get("match") + "'"));
                continue;
            }
            if (!PATH.matcher(row.get("sets")).matches()
                    || (row.get("value").isEmpty() && row.get("history_value").isEmpty())) {
                problems.add(row.problem("sets must be a request path such as diagnoses.ptsd, with a value or a "
                        + "history_value"));
                continue;
            }
            conditions.add(new ConditionRow(system, row.get("code").toUpperCase(java.util.Locale.ROOT),
                    row.get("match").equals("prefix"), row.get("sets"), blankToNull(row.get("value")),
                    blankToNull(row.get("provisional_value")), blankToNull(row.get("refuted_value")),
                    blankToNull(row.get("history_value")), row.file() + ":" + row.line()));
        }
        Map<String, List<String>> strength = new HashMap<>();
        for (CsvTable.Row row : table(files, displayDir, STRENGTH, problems, "path", "values")) {
            strength.put(row.get("path"), List.of(row.get("values").split("\\|")));
        }
        Map<String, ObservationRow> observations = new LinkedHashMap<>();
        for (CsvTable.Row row : table(files, displayDir, OBSERVATIONS, problems, "system", "code", "reads", "prefetch")) {
            String[] reads = row.get("reads").split(":", 2);
            if (reads.length != 2 || !READS.containsKey(reads[0]) || !READS.get(reads[0]).contains(reads[1])) {
                problems.add(row.problem("reads must be one of " + READS + " as kind:target, got '" + row.get("reads") + "'"));
                continue;
            }
            if (observations.put(key(row.get("system"), row.get("code")), new ObservationRow(row.get("system"),
                    row.get("code"), reads[0], reads[1], row.get("prefetch"))) != null) {
                problems.add(row.problem("code " + row.get("code") + " is listed twice"));
            }
        }
        Map<String, String> answers = new HashMap<>();
        for (CsvTable.Row row : table(files, displayDir, ANSWERS, problems, "system", "code", "means")) {
            answers.put(key(row.get("system"), row.get("code")), row.get("means"));
        }
        Map<String, Map<String, Double>> units = new HashMap<>();
        for (CsvTable.Row row : table(files, displayDir, UNITS, problems, "quantity", "unit", "factor")) {
            try {
                units.computeIfAbsent(row.get("quantity"), k -> new HashMap<>())
                        .put(row.get("unit"), Double.valueOf(row.get("factor")));
            } catch (NumberFormatException e) {
                problems.add(row.problem("factor must be a number, got '" + row.get("factor") + "'"));
            }
        }
        Map<String, List<ProcedureRow>> procedures = new HashMap<>();
        for (CsvTable.Row row : table(files, displayDir, PROCEDURES, problems, "system", "code", "sets", "value")) {
            if (!PATH.matcher(row.get("sets")).matches()) {
                problems.add(row.problem("sets must be a request path such as treatmentHistory.traumaFocusedPsychotherapyCompleted"));
                continue;
            }
            procedures.computeIfAbsent(key(row.get("system"), row.get("code")), k -> new ArrayList<>())
                    .add(new ProcedureRow(row.get("sets"), row.get("value"), row.file() + ":" + row.line()));
        }
        Map<String, PlanCode> planCodes = new HashMap<>();
        for (CsvTable.Row row : table(files, displayDir, PLAN_CODES, problems, "item", "system", "code", "display")) {
            planCodes.put(row.get("item"), new PlanCode(row.get("system"), row.get("code"), row.get("display")));
        }
        List<AllergyRow> allergies = new ArrayList<>();
        for (CsvTable.Row row : table(files, displayDir, ALLERGIES, problems, "system", "code", "text", "sets", "value",
                "max_age_days")) {
            boolean coded = !row.get("system").isEmpty() && !row.get("code").isEmpty();
            if ((!coded && row.get("text").isEmpty()) || !PATH.matcher(row.get("sets")).matches()
                    || row.get("value").isEmpty()) {
                problems.add(row.problem("an allergy row needs a system and code, or a text, and a request path "
                        + "with its value"));
                continue;
            }
            Integer maxAge = null;
            boolean negative = row.get("value").equals("false");
            try {
                maxAge = row.get("max_age_days").isEmpty() ? null : Integer.valueOf(row.get("max_age_days"));
            } catch (NumberFormatException e) {
                maxAge = -1;
            }
            // A negative statement without a window would answer "no" for ever; a window means nothing elsewhere.
            if (negative != (maxAge != null) || (maxAge != null && (maxAge < 1 || maxAge > 3650)) || (negative && !coded)) {
                problems.add(row.problem("a row with value false (a recorded \"no known allergy\") needs a coding and "
                        + "max_age_days from 1 to 3650; other rows leave max_age_days empty"));
                continue;
            }
            allergies.add(new AllergyRow(coded ? SYSTEMS.getOrDefault(row.get("system"), row.get("system")) : null,
                    coded ? row.get("code") : null, blankToNull(row.get("text")), row.get("sets"), row.get("value"),
                    maxAge));
        }
        List<ProductRow> products = new ArrayList<>();
        for (CsvTable.Row row : table(files, displayDir, KETAMINE_PRODUCTS, problems, "system", "code", "text", "modality")) {
            boolean coded = !row.get("system").isEmpty() && !row.get("code").isEmpty();
            if ((!coded && row.get("text").isEmpty()) || !Set.of("IV_KETAMINE", "ESKETAMINE").contains(row.get("modality"))) {
                problems.add(row.problem("a product row needs a system and code, or a text, and a modality "
                        + "(IV_KETAMINE or ESKETAMINE)"));
                continue;
            }
            products.add(new ProductRow(coded ? SYSTEMS.getOrDefault(row.get("system"), row.get("system")) : null,
                    coded ? row.get("code") : null, blankToNull(row.get("text")), row.get("modality")));
        }
        Map<String, MedicationCode> medicationCodes = new HashMap<>();
        for (CsvTable.Row row : table(files, displayDir, MEDICATION_CODES, problems, "system", "code", "name", "strength_mg")) {
            Double unitMg = null;
            try {
                unitMg = row.get("strength_mg").isEmpty() ? null : Double.valueOf(row.get("strength_mg"));
            } catch (NumberFormatException e) {
                unitMg = -1.0;
            }
            if (row.get("system").isEmpty() || row.get("code").isEmpty() || row.get("name").isEmpty()
                    || (unitMg != null && !(unitMg > 0 && unitMg <= 10_000))) {
                problems.add(row.problem("a medication code row needs a system, a code, a generic name and, if given, "
                        + "a strength in mg above 0 and at most 10000"));
                continue;
            }
            String system = SYSTEMS.getOrDefault(row.get("system"), row.get("system"));
            if (medicationCodes.put(system + "|" + row.get("code"),
                    new MedicationCode(row.get("name").toLowerCase(java.util.Locale.ROOT), unitMg)) != null) {
                problems.add(row.problem("code " + row.get("code") + " is listed twice"));
            }
        }
        return new FhirTerminology(List.copyOf(conditions), Map.copyOf(strength), Map.copyOf(observations),
                Map.copyOf(answers), Map.copyOf(units), Map.copyOf(procedures), Map.copyOf(planCodes),
                List.copyOf(allergies), List.copyOf(products), Map.copyOf(medicationCodes));
    }

    private static List<CsvTable.Row> table(Map<String, byte[]> files, String displayDir, String path,
                                            List<RuleProblem> problems, String... columns) {
        return CsvTable.read(displayDir + "/" + path, files.get(path), problems, columns);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
