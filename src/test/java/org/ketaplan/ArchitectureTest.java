package org.ketaplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rooms of src/main/java and the only directions their arrows may point (docs/architecture.md):
 * web and ehr on top, then audit, plan, engine, ruleset, and facts and conclusions at the bottom; authoring
 * beside the top, using audit (the recorded requests it replays), plan and ruleset. A reference against the
 * direction, in an import or a fully qualified name in code, fails here with its file.
 */
class ArchitectureTest {

    static final Path MAIN = Path.of("src/main/java/org/ketaplan");
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "facts", Set.of(),
            "conclusions", Set.of("facts"),
            "ruleset", Set.of("facts", "conclusions"),
            "engine", Set.of("ruleset", "facts", "conclusions"),
            "plan", Set.of("engine", "ruleset", "facts", "conclusions"),
            "authoring", Set.of("audit", "plan", "ruleset", "facts", "conclusions"),
            "audit", Set.of("plan", "ruleset", "facts", "conclusions"),
            "web", Set.of("audit", "plan", "engine", "ruleset", "facts", "conclusions"),
            "ehr", Set.of("audit", "plan", "engine", "ruleset", "facts", "conclusions"));
    /** Inside ehr: CDS Hooks builds on the FHIR mapping, never the other way round. */
    static final Map<String, Set<String>> EHR_INSIDE = Map.of(
            "ehr", Set.of(), "ehr.fhir", Set.of("ehr"), "ehr.cdshooks", Set.of("ehr", "ehr.fhir"));
    static final Pattern REFERENCE = Pattern.compile("\\borg\\.ketaplan\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");

    @Test
    void everyRoomIsKnownAndArrowsPointOneWay() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(file.getParent()).toString().replace('/', '.');
                String room = pkg.split("\\.")[0];
                assertThat(ALLOWED).as("room of %s", file).containsKey(room);
                Matcher m = REFERENCE.matcher(code(Files.readString(file)));
                while (m.find()) {
                    String target = m.group(1);
                    String targetRoom = target.split("\\.")[0];
                    boolean ok = target.equals(pkg)
                            || (room.equals(targetRoom) ? room.equals("ehr") && EHR_INSIDE.get(pkg).contains(target)
                                    || !room.equals("ehr")
                            : ALLOWED.get(room).contains(targetRoom));
                    if (!ok) {
                        violations.add(MAIN.relativize(file) + " -> org.ketaplan." + target);
                    }
                }
            }
        }
        assertThat(violations).as("arrows against the direction").isEmpty();
    }

    @Test
    void everyPackageSaysWhatItOwnsAndMayUse() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.equals(MAIN)).toList()) {
                boolean hasClasses;
                try (Stream<Path> list = Files.list(dir)) {
                    hasClasses = list.anyMatch(f -> f.toString().endsWith(".java"));
                }
                if (hasClasses) {
                    assertThat(dir.resolve("package-info.java")).as("package-info of %s", dir).exists();
                }
            }
        }
    }

    /** The README's layout and docs/architecture.md's table name every top-level package, and no other. */
    @Test
    void theDocsNameEveryPackage() throws IOException {
        List<String> packages;
        try (Stream<Path> dirs = Files.list(MAIN)) {
            packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
        String layout = Files.readAllLines(Path.of("README.md")).stream()
                .filter(l -> l.startsWith("src/main/java/org/ketaplan/")).findFirst().orElse("");
        List<String> listed = Pattern.compile("[a-z]+").matcher(layout.replaceFirst("^\\S+\\s+", "")
                .replaceFirst("\\(.*", "")).results().map(m -> m.group()).sorted().toList();
        assertThat(listed).as("README.md's layout line").isEqualTo(packages);
        List<String> table = Pattern.compile("(?m)^\\| `([a-z]+)` \\|").matcher(Files.readString(Path.of("docs/architecture.md")))
                .results().map(m -> m.group(1)).sorted().toList();
        assertThat(table).as("docs/architecture.md's package table").isEqualTo(packages);
    }

    /** No clinical code in Java: value sets and code maps are tables under rules/terminology/. */
    @Test
    void noClinicalCodeLiteralsInJava() throws IOException {
        // Inside string literals: a LOINC code (12345-6), an ICD-10-CM code (F43.1, I67.1) or a SNOMED CT / RxNorm
        // concept id (six digits or more). A limit in a validation message ("100000") is not a code.
        Pattern literal = Pattern.compile("\"((?:\\\\.|[^\"\\\\\n])*)\"");
        Pattern code = Pattern.compile("(?<![\\w.-])(\\d{4,5}-\\d|[A-TV-Z]\\d{2}\\.\\d{1,3}|\\d{6,18})(?![\\w.-])");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                Matcher strings = literal.matcher(source);
                while (strings.find()) {
                    String text = strings.group(1);
                    boolean limit = source.substring(Math.max(0, strings.start() - 40), strings.start())
                            .matches("(?s).*(value = |must be between \\d+ and )$") || text.startsWith("must be between");
                    Matcher m = code.matcher(text);
                    while (m.find() && !limit) {
                        found.add(MAIN.relativize(file) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(found).as("ICD-10, LOINC, SNOMED or RxNorm code literals in src/main/java").isEmpty();
    }

    /** Imports and code, without comments and string literals. */
    static String code(String source) {
        String s = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        return s.replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"").replaceAll("\"(\\\\.|[^\"\\\\\n])*\"", "\"\"");
    }
}
