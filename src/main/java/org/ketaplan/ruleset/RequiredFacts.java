package org.ketaplan.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code rules/required-facts.csv}, the one home of "not recorded: collect it": one DRL rule is made from each row
 * when the rules load, so a clinical lead adds a required fact with a row instead of a copy of a rule. A
 * compilation error in a made rule is reported against the row's line of the table.
 */
final class RequiredFacts {

    static final String TABLE = "required-facts.csv";
    /** Where the made rules sit among the DRL files; never written to disk. */
    static final String GENERATED = "ketamine/required-facts.generated.drl";
    static final Set<String> NEEDED_BY = Set.of("BLOCKS_PLAN", "FIRST_SESSION", "EACH_SESSION");
    private static final Pattern FACT = Pattern.compile("[a-z][A-Za-z]*(\\.[a-z][A-Za-z]*)?");
    private static final Pattern RULE_ID = Pattern.compile("[A-Z]+-\\d{2}[a-z]?");

    private RequiredFacts() {
    }

    static TableRules generate(byte[] bytes, String displayDir, List<RuleProblem> problems) {
        StringBuilder drl = TableRules.header();
        TreeMap<Integer, Integer> lines = new TreeMap<>();
        Map<String, String> categories = new HashMap<>();
        Map<String, Integer> byText = new LinkedHashMap<>();
        if (bytes == null) {
            return new TableRules(TABLE, GENERATED, drl.toString(), lines, categories, byText, Map.of());
        }
        for (CsvTable.Row row : CsvTable.read(displayDir + "/" + TABLE, bytes, problems, "rule", "name", "fact",
                "unknown_when", "asked_when", "needed_by", "reason", "category", "strength", "source", "reviewed")) {
            String fact = row.get("fact");
            if (!RULE_ID.matcher(row.get("rule")).matches() || row.get("name").isEmpty()
                    || !FACT.matcher(fact).matches() || row.get("reason").isEmpty()) {
                problems.add(row.problem("a required fact needs a rule ID (XX-00a), a name, a fact path such as "
                        + "medicalHistory.preeclampsia and a reason"));
                continue;
            }
            if (!NEEDED_BY.contains(row.get("needed_by"))) {
                problems.add(row.problem("needed_by must be one of " + NEEDED_BY + ", got '" + row.get("needed_by") + "'"));
                continue;
            }
            if (!TableRules.quotable(List.of(row.get("name"), row.get("reason"), row.get("source")))) {
                problems.add(row.problem("name, reason and source may not contain a double quote or a backslash"));
                continue;
            }
            String unknown = row.get("unknown_when").isEmpty() ? defaultUnknown(fact) : row.get("unknown_when");
            if (unknown == null) {
                problems.add(row.problem("fact " + fact + " has no field: give unknown_when"));
                continue;
            }
            categories.put(row.get("rule"), row.get("category"));
            byText.put("\"" + row.get("name") + "\"", row.line());
            for (String c : conditions(row.get("asked_when") + " and " + unknown)) {
                String inside = c.contains("(") ? c.substring(c.indexOf('(') + 1, c.lastIndexOf(')')).strip() : c;
                for (String part : inside.split(",")) {
                    if (part.strip().length() > 8) {
                        byText.putIfAbsent(part.strip(), row.line());
                    }
                }
            }
            lines.put(TableRules.lineCount(drl), row.line());
            drl.append("rule \"").append(row.get("name")).append("\"\n")
                    .append("    @id(\"").append(row.get("rule")).append("\") @strength(\"").append(row.get("strength"))
                    .append("\") @source(\"").append(row.get("source")).append("\") @reviewed(\"")
                    .append(row.get("reviewed")).append("\")\n")
                    .append("    when\n");
            for (String condition : conditions(row.get("asked_when"))) {
                drl.append("        ").append(condition).append('\n');
            }
            for (String condition : conditions(unknown)) {
                drl.append("        ").append(condition).append('\n');
            }
            drl.append("    then\n        insertLogical( new MissingData( \"").append(fact).append("\", \"")
                    .append(row.get("reason")).append("\", NeededBy.").append(row.get("needed_by"))
                    .append(" ) );\nend\n\n");
        }
        return new TableRules(TABLE, GENERATED, drl.toString(), lines, categories, byText, Map.of());
    }

    /** medicalHistory.preeclampsia is unknown when MedicalHistory( preeclampsia == null ). */
    private static String defaultUnknown(String fact) {
        int dot = fact.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String type = Character.toUpperCase(fact.charAt(0)) + fact.substring(1, dot);
        return type + "( " + fact.substring(dot + 1) + " == null )";
    }

    /** A cell's conditions, one per line: the cell joins them with " and " outside parentheses. */
    static List<String> conditions(String cell) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && cell.startsWith(" and ", i)) {
                out.add(cell.substring(start, i).strip());
                start = i + 5;
            }
        }
        if (!cell.isBlank()) {
            out.add(cell.substring(start).strip());
        }
        return out;
    }
}
