package org.ketaplan.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real rules/ directory, compiled once per test JVM, and helpers to copy it for edits. */
public final class TestRules {

    public static final Path RULES = Path.of("rules");

    private static RuleBase cached;

    private TestRules() {
    }

    public static synchronized RuleBase ruleBase() {
        if (cached == null) {
            cached = new RuleBaseLoader(RULES, "rules").load();
        }
        return cached;
    }

    /** The real rules with one parameter set to another value (a number, or a choice such as EU), uncompiled. */
    public static RuleBase with(String name, String value) {
        List<org.ketaplan.facts.Parameter> params = new java.util.ArrayList<>();
        for (var p : ruleBase().parameters()) {
            if (!p.name().equals(name)) {
                params.add(p);
            }
        }
        params.add(value.matches("-?\\d+(\\.\\d+)?") ? new org.ketaplan.facts.Parameter(name, Double.parseDouble(value))
                : org.ketaplan.facts.Parameter.choice(name, value));
        return ruleBase().withParameters(params);
    }

    /**
     * Only the data tables (terminology, parameters), not the tables rules are made from, so a test can add the
     * DRL it needs.
     */
    public static void copyTables(Path target) {
        copy(target, p -> p.toString().endsWith(".csv")
                && (p.startsWith(RULES.resolve("terminology")) || p.equals(RULES.resolve("parameters.csv"))));
    }

    /** A copy of rules/ with one parameter set to another value (empty to unset it), compiled. */
    public static RuleBase withParameter(Path target, String name, String value) {
        copyAll(target);
        Path csv = target.resolve("parameters.csv");
        try {
            List<String> lines = Files.readAllLines(csv).stream()
                    .map(l -> l.startsWith(name + ",") ? name + "," + value + l.substring(l.indexOf(',', name.length() + 1)) : l)
                    .toList();
            Files.write(csv, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RuleBaseLoader(target, "rules").load();
    }

    public static void copyAll(Path target) {
        copy(target, p -> true);
    }

    private static void copy(Path target, java.util.function.Predicate<Path> which) {
        try (Stream<Path> walk = Files.walk(RULES)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(which).toList()) {
                Path dest = target.resolve(RULES.relativize(p).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(p, dest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
