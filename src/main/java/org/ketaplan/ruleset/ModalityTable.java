package org.ketaplan.ruleset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code rules/modality-choice.csv}, the modality decision table: its rows become the rules that insert a
 * {@code ModalityChoice}, and before that the table is checked for gaps and contradictions over every situation it
 * can meet, so a lead who deletes or narrows a row learns which patients would be left without a decision.
 */
final class ModalityTable {

    static final String TABLE = "modality-choice.csv";
    static final String GENERATED = "ketamine/modality-choice.generated.drl";
    private static final String CATEGORY = "modality";
    private static final Pattern RULE_ID = Pattern.compile("[A-Z]+-\\d{2}[a-z]?");

    private static final List<String> INDICATIONS = List.of("TREATMENT_RESISTANT_DEPRESSION", "REFRACTORY_PTSD");
    private static final List<String> COURSES = List.of("NEW", "IV_KETAMINE_IN_PROGRESS", "ESKETAMINE_IN_PROGRESS");
    private static final List<String> PREFERENCES = List.of("IV_KETAMINE", "ESKETAMINE", "none");
    private static final List<String> YES_NO = List.of("yes", "no");
    private static final Set<String> COURSE_CELLS = Set.of("NEW", "IN_PROGRESS", "IV_KETAMINE_IN_PROGRESS",
            "ESKETAMINE_IN_PROGRESS");
    private static final Set<String> CHOICES = Set.of("IV_KETAMINE", "ESKETAMINE", "COURSE_MODALITY", "NONE");
    private static final int GAPS_LISTED = 10;

    /** One row as read: each cell a set of the values it accepts. */
    private record Row(int line, String rule, Set<String> indication, Set<String> course, Set<String> preference,
                       Set<String> ivCapable, Set<String> remsCertified, Set<String> esketamineExcluded,
                       Set<String> ivExcluded, String choice) {

        /** The modality this row chooses in a situation, or null when the row does not apply to it. */
        String decides(String indication, String course, String preference, String iv, String rems, String excluded,
                       String ivOut) {
            if (!this.indication.contains(indication) || !this.course.contains(course)
                    || !this.preference.contains(preference) || !ivCapable.contains(iv)
                    || !remsCertified.contains(rems) || !esketamineExcluded.contains(excluded)
                    || !ivExcluded.contains(ivOut)) {
                return null;
            }
            String modality = choice.equals("COURSE_MODALITY") ? course.replace("_IN_PROGRESS", "") : choice;
            // The made rules never choose an excluded modality, so such a row decides nothing.
            boolean ruledOut = (modality.equals("ESKETAMINE") && excluded.equals("yes"))
                    || (modality.equals("IV_KETAMINE") && ivOut.equals("yes"));
            return ruledOut ? null : modality;
        }
    }

    private ModalityTable() {
    }

    static TableRules generate(byte[] bytes, String displayDir, List<RuleProblem> problems) {
        String file = displayDir + "/" + TABLE;
        StringBuilder drl = TableRules.header();
        TreeMap<Integer, Integer> lines = new TreeMap<>();
        Map<String, String> categories = new HashMap<>();
        Map<String, Integer> byText = new LinkedHashMap<>();
        Map<Integer, String> referenced = new TreeMap<>();
        if (bytes == null) {
            // A rule set may do without the table (a test's own few rules); the scenarios then say what is missing.
            return new TableRules(TABLE, GENERATED, drl.toString(), lines, categories, byText, referenced);
        }
        int before = problems.size();
        List<CsvTable.Row> csv = CsvTable.read(file, bytes, problems, "rule", "name", "indication", "course",
                "preference", "iv_capable", "rems_certified", "esketamine_excluded", "iv_excluded", "choice", "reason",
                "strength",
                "source", "reviewed");
        List<Row> rows = new ArrayList<>();
        Map<String, List<CsvTable.Row>> byRule = new LinkedHashMap<>();
        for (CsvTable.Row r : csv) {
            Row row = read(r, problems);
            if (row == null) {
                continue;
            }
            rows.add(row);
            if (row.choice().equals("NONE")) {
                referenced.put(r.line(), row.rule());
            } else {
                byRule.computeIfAbsent(row.rule(), k -> new ArrayList<>()).add(r);
            }
        }
        if (problems.size() > before) {
            return new TableRules(TABLE, GENERATED, drl.toString(), lines, categories, byText, referenced);
        }
        for (var entry : byRule.entrySet()) {
            String rule = entry.getKey();
            List<CsvTable.Row> alternatives = entry.getValue();
            CsvTable.Row first = alternatives.get(0);
            if (!consistent(first, alternatives, problems)) {
                continue;
            }
            categories.put(rule, CATEGORY);
            byText.put("\"" + first.get("name") + "\"", first.line());
            lines.put(TableRules.lineCount(drl), first.line());
            writeRule(drl, rule, first, alternatives, lines);
        }
        scan(file, rows, problems);
        return new TableRules(TABLE, GENERATED, drl.toString(), lines, categories, byText, referenced);
    }

    private static Row read(CsvTable.Row r, List<RuleProblem> problems) {
        int before = problems.size();
        if (!RULE_ID.matcher(r.get("rule")).matches()) {
            problems.add(r.problem("rule must be a rule ID (XX-00a), got '" + r.get("rule") + "'"));
        }
        Set<String> indication = values(r, "indication", Set.copyOf(INDICATIONS), INDICATIONS, problems);
        Set<String> preference = values(r, "preference", Set.copyOf(PREFERENCES), PREFERENCES, problems);
        Set<String> iv = values(r, "iv_capable", Set.copyOf(YES_NO), YES_NO, problems);
        Set<String> rems = values(r, "rems_certified", Set.copyOf(YES_NO), YES_NO, problems);
        Set<String> excluded = values(r, "esketamine_excluded", Set.copyOf(YES_NO), YES_NO, problems);
        Set<String> ivOut = values(r, "iv_excluded", Set.copyOf(YES_NO), YES_NO, problems);
        String courseCell = r.get("course");
        Set<String> course = switch (courseCell) {
            case "IN_PROGRESS" -> Set.of("IV_KETAMINE_IN_PROGRESS", "ESKETAMINE_IN_PROGRESS");
            default -> COURSE_CELLS.contains(courseCell) ? Set.of(courseCell) : Set.of();
        };
        if (course.isEmpty()) {
            problems.add(r.problem("course must be one of " + new TreeSet<>(COURSE_CELLS) + ", got '" + courseCell + "'"));
        }
        String choice = r.get("choice");
        if (!CHOICES.contains(choice)) {
            problems.add(r.problem("choice must be one of " + new TreeSet<>(CHOICES) + ", got '" + choice + "'"));
        } else if (choice.equals("COURSE_MODALITY") && courseCell.equals("NEW")) {
            problems.add(r.problem("COURSE_MODALITY needs a course in progress, not NEW"));
        }
        if (!TableRules.quotable(List.of(r.get("name"), r.get("reason"), r.get("source")))) {
            problems.add(r.problem("name, reason and source may not contain a double quote or a backslash"));
        }
        return problems.size() > before ? null
                : new Row(r.line(), r.get("rule"), indication, course, preference, iv, rems, excluded, ivOut, choice);
    }

    /** "any", or values joined with "|", each one of the allowed ones. */
    private static Set<String> values(CsvTable.Row r, String column, Set<String> allowed, List<String> all,
                                      List<RuleProblem> problems) {
        String cell = r.get(column);
        if (cell.equals("any")) {
            return new LinkedHashSet<>(all);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : cell.split("\\|")) {
            if (!allowed.contains(v.strip())) {
                problems.add(r.problem(column + " must be any, or one or more of " + all + " joined with |, got '"
                        + cell + "'"));
                return Set.of();
            }
            out.add(v.strip());
        }
        return out;
    }

    /** Rows of one rule are its alternatives: one choice, and the first row's name, reason and evidence. */
    private static boolean consistent(CsvTable.Row first, List<CsvTable.Row> alternatives, List<RuleProblem> problems) {
        if (first.get("name").isEmpty() || first.get("reason").isEmpty() || first.get("strength").isEmpty()
                || first.get("source").isEmpty() || first.get("reviewed").isEmpty()) {
            problems.add(first.problem("the first row of " + first.get("rule")
                    + " needs its name, reason, strength, source and reviewed date"));
            return false;
        }
        for (CsvTable.Row r : alternatives.subList(1, alternatives.size())) {
            if (!r.get("choice").equals(first.get("choice"))) {
                problems.add(r.problem("every row of " + first.get("rule") + " must choose " + first.get("choice")
                        + " (line " + first.line() + "); a different choice is a different rule"));
                return false;
            }
            for (String column : List.of("name", "reason", "strength", "source", "reviewed")) {
                if (!r.get(column).isEmpty() && !r.get(column).equals(first.get(column))) {
                    problems.add(r.problem(column + " differs from line " + first.line() + " of the same rule; "
                            + "leave it blank on the rule's later rows"));
                    return false;
                }
            }
        }
        return true;
    }

    private static void writeRule(StringBuilder drl, String rule, CsvTable.Row first, List<CsvTable.Row> alternatives,
                                  TreeMap<Integer, Integer> lines) {
        String choice = first.get("choice");
        boolean courseModality = choice.equals("COURSE_MODALITY");
        drl.append("rule \"").append(first.get("name")).append("\"\n")
                .append("    @id(\"").append(rule).append("\") @strength(\"").append(first.get("strength"))
                .append("\") @source(\"").append(first.get("source")).append("\") @reviewed(\"")
                .append(first.get("reviewed")).append("\")\n")
                .append("    when\n");
        boolean several = alternatives.size() > 1;
        if (several) {
            drl.append("        (\n");
        }
        for (int i = 0; i < alternatives.size(); i++) {
            CsvTable.Row r = alternatives.get(i);
            lines.put(TableRules.lineCount(drl), r.line());
            List<String> patterns = patterns(r, courseModality);
            String indent = several ? "            " : "        ";
            if (several) {
                drl.append(i == 0 ? "            ( " : "          or ( ");
                drl.append(String.join("\n" + indent + "  and ", patterns)).append(" )\n");
            } else {
                for (String p : patterns) {
                    drl.append(indent).append(p).append('\n');
                }
            }
        }
        if (several) {
            drl.append("        )\n");
        }
        String modality = courseModality ? "$modality" : "Modality." + choice;
        String reason = "\"" + first.get("reason").replace("{modality}", "\" + $modality + \"") + "\"";
        drl.append("        not ModalityExcluded( modality == ").append(modality).append(" )\n")
                .append("    then\n        insertLogical( new ModalityChoice( ").append(modality).append(", ")
                .append(reason).append(" ) );\nend\n\n");
    }

    private static List<String> patterns(CsvTable.Row r, boolean courseModality) {
        List<String> out = new ArrayList<>();
        if (!r.get("indication").equals("any")) {
            out.add("IndicationFinding( " + alternatives("indication", "Indication", r.get("indication")) + " )");
        }
        String course = r.get("course");
        String modalityBinding = courseModality ? ", $modality : modality != null" : "";
        out.add(switch (course) {
            case "NEW" -> "Course( sessionsGiven == 0 )";
            case "IN_PROGRESS" -> "Course( sessionsGiven > 0" + modalityBinding + " )";
            default -> "Course( sessionsGiven > 0, modality == Modality." + course.replace("_IN_PROGRESS", "")
                    + modalityBinding + " )";
        });
        List<String> setting = new ArrayList<>();
        yesNo(setting, "ivKetamineCapable", r.get("iv_capable"));
        yesNo(setting, "esketamineRemsCertified", r.get("rems_certified"));
        if (!setting.isEmpty()) {
            out.add("Setting( " + String.join(", ", setting) + " )");
        }
        if (!r.get("preference").equals("any")) {
            out.add("Preference( " + alternatives("preferredModality", "Modality", r.get("preference")) + " )");
        }
        excluded(out, "ESKETAMINE", r.get("esketamine_excluded"));
        excluded(out, "IV_KETAMINE", r.get("iv_excluded"));
        return out;
    }

    private static void excluded(List<String> out, String modality, String cell) {
        switch (cell) {
            case "yes" -> out.add("exists ModalityExcluded( modality == Modality." + modality + " )");
            case "no" -> out.add("not ModalityExcluded( modality == Modality." + modality + " )");
            default -> { }
        }
    }

    private static String alternatives(String field, String type, String cell) {
        return Arrays.stream(cell.split("\\|")).map(String::strip)
                .map(v -> v.equals("none") ? field + " == null" : field + " == " + type + "." + v)
                .collect(Collectors.joining(" || "));
    }

    private static void yesNo(List<String> out, String field, String cell) {
        if (!cell.equals("any")) {
            out.add(field + " == " + cell.equals("yes"));
        }
    }

    /**
     * Every situation the table can meet must be decided by some row, and its rows must agree; the problems name
     * the situations, which is what a lead needs to write the missing row.
     */
    private static void scan(String file, List<Row> rows, List<RuleProblem> problems) {
        List<String> gaps = new ArrayList<>();
        for (String[] v : situations(List.of(INDICATIONS, COURSES, PREFERENCES, YES_NO, YES_NO, YES_NO, YES_NO))) {
            String situation = "indication " + v[0] + ", course " + v[1] + ", preference " + v[2] + ", iv_capable "
                    + v[3] + ", rems_certified " + v[4] + ", esketamine_excluded " + v[5] + ", iv_excluded " + v[6];
            Map<String, List<Integer>> decisions = new TreeMap<>();
            for (Row row : rows) {
                String d = row.decides(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
                if (d != null) {
                    decisions.computeIfAbsent(d, k -> new ArrayList<>()).add(row.line());
                }
            }
            if (decisions.isEmpty()) {
                gaps.add(situation);
            } else if (decisions.size() > 1) {
                int line = decisions.values().stream().flatMap(List::stream).min(Integer::compare).orElse(0);
                problems.add(new RuleProblem(file, line, "rows disagree for " + situation + ": "
                        + decisions.entrySet().stream().map(e -> e.getKey() + " (line"
                                + (e.getValue().size() > 1 ? "s " : " ")
                                + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")")
                        .collect(Collectors.joining(" against "))));
            }
        }
        for (String gap : gaps.subList(0, Math.min(GAPS_LISTED, gaps.size()))) {
            problems.add(new RuleProblem(file, 0, "no row decides " + gap
                    + " (add a row, with choice NONE and the rule that decides instead if no modality fits)"));
        }
        if (gaps.size() > GAPS_LISTED) {
            problems.add(new RuleProblem(file, 0, "and " + (gaps.size() - GAPS_LISTED) + " more situations no row decides"));
        }
    }

    /** Every combination of one value from each dimension. */
    private static List<String[]> situations(List<List<String>> dimensions) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[0]);
        for (List<String> dimension : dimensions) {
            List<String[]> next = new ArrayList<>();
            for (String[] partial : out) {
                for (String value : dimension) {
                    String[] longer = Arrays.copyOf(partial, partial.length + 1);
                    longer[partial.length] = value;
                    next.add(longer);
                }
            }
            out = next;
        }
        return out;
    }
}
