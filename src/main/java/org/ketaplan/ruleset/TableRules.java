package org.ketaplan.ruleset;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DRL made from a table of {@code rules/} when the rules load: the made rules compile with the DRL files, and
 * every message about them names the table's line, because the lead edits the row, never the made DRL.
 *
 * @param table            the table, relative to the rules directory
 * @param generatedPath    where the made DRL sits among the DRL files; never written to disk
 * @param drl              the made DRL
 * @param tableLineByDrlLine for each line of the made DRL where a row's rule starts, that row's table line
 * @param categoryByRule   the category each made rule is listed under
 * @param tableLineByText  text a compiler message may quote (a rule name, a condition) and its row's line
 * @param referencedRules  rule IDs a row names without making the rule (it must exist), by table line
 */
record TableRules(String table, String generatedPath, String drl, TreeMap<Integer, Integer> tableLineByDrlLine,
                  Map<String, String> categoryByRule, Map<String, Integer> tableLineByText,
                  Map<Integer, String> referencedRules) {

    /**
     * The table line of a compiler message: by its DRL line, or, for the errors Drools reports without one
     * (an expression it cannot analyse), by the row whose conditions or name the message quotes.
     */
    int tableLine(int drlLine, String message) {
        if (drlLine > 0) {
            var entry = tableLineByDrlLine.floorEntry(drlLine);
            return entry == null ? 0 : entry.getValue();
        }
        for (var e : tableLineByText.entrySet()) {
            if (message.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return 0;
    }

    /** The opening of every made DRL: one package with the DRL files, so their queries are in scope. */
    static StringBuilder header() {
        return new StringBuilder("""
                package ketamine;

                import org.ketaplan.facts.*;
                import org.ketaplan.conclusions.*;

                """);
    }

    static int lineCount(CharSequence s) {
        int n = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** A metadata or string cell must not end the DRL string it is written into. */
    static boolean quotable(List<String> cells) {
        return cells.stream().noneMatch(c -> c.contains("\"") || c.contains("\\"));
    }
}
