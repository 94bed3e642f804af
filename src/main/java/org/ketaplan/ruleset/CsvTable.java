package org.ketaplan.ruleset;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A table of {@code rules/}: a header line, then one row per line, {@code #} comment lines, cells quoted
 * where they hold a comma. Every problem names the file and the line a clinical lead sees in an editor.
 */
public final class CsvTable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .get();

    /** One data row: its cells by column name, and where it stands. */
    public record Row(String file, int line, Map<String, String> values) {
        public String get(String column) {
            return values.getOrDefault(column, "");
        }

        public RuleProblem problem(String message) {
            return new RuleProblem(file, line, message);
        }
    }

    private CsvTable() {
    }

    /**
     * The rows of a table that must have the given columns; an empty list (with the problems added) when
     * the file is missing, unreadable or lacks a column.
     */
    public static List<Row> read(String file, byte[] bytes, List<RuleProblem> problems, String... columns) {
        if (bytes == null) {
            problems.add(new RuleProblem(file, 0, "file is missing"));
            return List.of();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            List<String> header = null;
            int line = 1;
            int scanned = 0;
            for (CSVRecord record : parser) {
                for (; scanned < record.getCharacterPosition() && scanned < text.length(); scanned++) {
                    if (text.charAt(scanned) == '\n') {
                        line++;
                    }
                }
                List<String> cells = record.toList();
                if (header == null) {
                    header = cells;
                    int before = problems.size();
                    for (String c : columns) {
                        if (!header.contains(c)) {
                            problems.add(new RuleProblem(file, line, "header needs a column '" + c + "'"));
                        }
                    }
                    if (problems.size() > before) {
                        return List.of();
                    }
                    continue;
                }
                if (cells.size() != header.size()) {
                    problems.add(new RuleProblem(file, line, "expected " + header.size() + " cells, got "
                            + cells.size() + " (quote a cell that holds a comma: \"a, b\")"));
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    values.put(header.get(c), cells.get(c));
                }
                rows.add(new Row(file, line, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // commons-csv reports an unclosed quote this way.
            problems.add(new RuleProblem(file, 0, "not a valid table: " + e.getMessage()));
            return List.of();
        }
        return rows;
    }
}
