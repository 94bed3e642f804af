package org.ketaplan.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real rules/ directory, compiled once per test JVM, and helpers to copy it for edits. */
public final class TestRules {

    private static RuleBase cached;

    private TestRules() {
    }

    public static synchronized RuleBase ruleBase() {
        if (cached == null) {
            cached = new RuleBaseLoader(RuleBaseTest.RULES, "rules").load();
        }
        return cached;
    }

    /** Only the tables (terminology, parameters), so a test can add the DRL it needs. */
    public static void copyTables(Path target) {
        copy(target, p -> p.toString().endsWith(".csv") && !p.startsWith(RuleBaseTest.RULES.resolve("scenarios")));
    }

    public static void copyAll(Path target) {
        copy(target, p -> true);
    }

    private static void copy(Path target, java.util.function.Predicate<Path> which) {
        try (Stream<Path> walk = Files.walk(RuleBaseTest.RULES)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(which).toList()) {
                Path dest = target.resolve(RuleBaseTest.RULES.relativize(p).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(p, dest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
