package org.ketaplan.ruleset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ketaplan.facts.Parameter;

/**
 * {@code rules/parameters.csv}: each row declares a parameter's value, its unit, the range it may take and
 * whether it may be left blank. A blank required value, a value that is not a number (or not one of its
 * choices) and a value outside its range all reject the rule set (clinical-spec PAR-01): a blank BP hard
 * stop once switched the rules that read it off, and BP 200/120 was scheduled.
 */
public final class ParameterTable {

    /** One declared parameter; {@code value} is null only for a blank optional one. */
    public record Declared(String name, Parameter value, String unit, Double min, Double max, List<String> choices,
                           boolean optional) {
        public boolean numeric() {
            return choices.isEmpty();
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern NUMERIC_RANGE =
            Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*\\.\\.\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern CHOICES = Pattern.compile("[A-Z][A-Z0-9_]*(\\|[A-Z][A-Z0-9_]*)+");

    private ParameterTable() {
    }

    /**
     * Every valid parameter in file order; a problem is added for every invalid row, whose name still goes
     * into {@code names} so that the rules naming it are not reported a second time.
     */
    static Map<String, Declared> read(String file, byte[] bytes, List<RuleProblem> problems, Set<String> names) {
        Map<String, Declared> declared = new LinkedHashMap<>();
        Set<String> rows = new java.util.HashSet<>();
        for (CsvTable.Row row : CsvTable.read(file, bytes, problems,
                "name", "value", "unit", "default", "range", "optional", "source")) {
            names.add(row.get("name"));
            if (!rows.add(row.get("name"))) {
                problems.add(row.problem("parameter " + row.get("name") + " is listed twice"));
                continue;
            }
            Declared d = declare(row, problems);
            if (d != null) {
                declared.put(d.name(), d);
            }
        }
        return declared;
    }

    private static Declared declare(CsvTable.Row row, List<RuleProblem> problems) {
        String name = row.get("name");
        if (!NAME.matcher(name).matches()) {
            problems.add(row.problem("parameter name must be UPPER_SNAKE_CASE, got '" + name + "'"));
            return null;
        }
        int before = problems.size();
        if (row.get("source").isEmpty()) {
            problems.add(row.problem("parameter " + name + " needs a source"));
        }
        String optionalCell = row.get("optional");
        if (!Set.of("yes", "no").contains(optionalCell)) {
            problems.add(row.problem("parameter " + name + ": optional must be yes or no, got '" + optionalCell + "'"));
        }
        boolean optional = optionalCell.equals("yes");
        String range = row.get("range");
        Double min = null;
        Double max = null;
        List<String> choices = List.of();
        Matcher numeric = NUMERIC_RANGE.matcher(range);
        if (numeric.matches()) {
            min = Double.valueOf(numeric.group(1));
            max = Double.valueOf(numeric.group(2));
            if (min > max) {
                problems.add(row.problem("parameter " + name + ": range " + range + " is empty"));
            }
        } else if (CHOICES.matcher(range).matches()) {
            choices = List.of(range.split("\\|"));
        } else {
            problems.add(row.problem("parameter " + name + " needs a range: min..max for a number (e.g. 1..90) "
                    + "or choices A|B, got '" + range + "'"));
        }
        if (problems.size() > before) {
            return null;
        }
        String value = row.get("value");
        Parameter parameter = null;
        if (value.isEmpty()) {
            if (!optional) {
                problems.add(row.problem("parameter " + name + " is required and blank: a blank would switch "
                        + "off the rules that use it; give a value in " + range));
                return null;
            }
        } else {
            parameter = parse(name, value, min, max, choices, row, problems);
            if (parameter == null) {
                return null;
            }
        }
        return new Declared(name, parameter, row.get("unit"), min, max, choices, optional);
    }

    private static Parameter parse(String name, String value, Double min, Double max, List<String> choices,
                                   CsvTable.Row row, List<RuleProblem> problems) {
        if (!choices.isEmpty()) {
            if (!choices.contains(value)) {
                problems.add(row.problem("parameter " + name + " must be one of " + String.join(", ", choices)
                        + ", got '" + value + "'"));
                return null;
            }
            return Parameter.choice(name, value);
        }
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            problems.add(row.problem("parameter " + name + " must be a number, got '" + value + "'"));
            return null;
        }
        if (!Double.isFinite(number) || number < min || number > max) {
            problems.add(row.problem("parameter " + name + " = " + value + " is outside its range "
                    + row.get("range")));
            return null;
        }
        return new Parameter(name, number);
    }

    /** The declarations of {@code rulesDir/parameters.csv} (valid rows only), e.g. to know a choice's options. */
    public static Map<String, Declared> declared(java.nio.file.Path rulesDir) {
        try {
            return read(RuleBaseLoader.PARAMETERS, java.nio.file.Files.readAllBytes(
                    rulesDir.resolve(RuleBaseLoader.PARAMETERS)), new ArrayList<>(), new java.util.HashSet<>());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The values the rules see: every declared parameter that has one. */
    static List<Parameter> values(Map<String, Declared> declared) {
        List<Parameter> out = new ArrayList<>();
        declared.values().forEach(d -> {
            if (d.value() != null) {
                out.add(d.value());
            }
        });
        return List.copyOf(out);
    }
}
