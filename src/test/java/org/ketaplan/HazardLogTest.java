package org.ketaplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps docs/hazards.md honest: a hazard counts as controlled and verified only if the rules, scenarios,
 * properties, vignettes and test classes it cites exist today. Renaming a scenario or deleting a rule therefore
 * fails here until the hazard log says what controls that hazard now.
 */
class HazardLogTest {

    static final Path LOG = Path.of("docs/hazards.md");
    static final String HEADER = "| ID | hazard (what could harm a patient) | causes | controls | verification |";

    private static final Path RULES = Path.of("rules");
    private static final Path TEST_SOURCES = Path.of("src/test/java");
    private static final Path ENVELOPE_PROPERTIES_SOURCE = TEST_SOURCES.resolve("org/ketaplan/envelope/EnvelopePropertiesTest.java");
    /** The invariants no single rule can hold, and the property that proves each. */
    private static final java.util.Map<String, String> ENVELOPE_PROPERTIES = java.util.Map.of(
            "ENV-04", "env04OrderNeverMatters", "ENV-05", "env05UnknownIsNeverSafer",
            "ENV-06", "env06NewerWorseValueIsNeverIgnored");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");
    private static final Pattern RULE_ID = Pattern.compile("@id\\(\"([^\"]+)\"\\)");
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder()
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    record Hazard(String id, List<String> controls, List<String> verifications, String controlsCell,
            String verificationCell) {
    }

    private static List<Hazard> hazards;

    @BeforeAll
    static void readLog() throws IOException {
        hazards = parse(Files.readAllLines(LOG));
    }

    @Test
    void hazardIdsAreUniqueAndNumbered() {
        assertThat(hazards).as("hazards in %s", LOG).isNotEmpty();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Hazard h : hazards) {
            if (!h.id().matches("HZ-\\d{2}")) {
                problems.add(h.id() + ": ID is not of the form HZ-nn");
            }
            if (!seen.add(h.id())) {
                problems.add(h.id() + ": ID used by more than one hazard");
            }
        }
        assertThat(problems).as("hazard IDs in %s", LOG).isEmpty();
    }

    @Test
    void everyHazardHasAControlAndAVerification() {
        List<String> problems = new ArrayList<>();
        for (Hazard h : hazards) {
            if (h.controls().isEmpty()) {
                problems.add(h.id() + ": no control");
            }
            if (h.verifications().isEmpty()) {
                problems.add(h.id() + ": no verification");
            }
            // A reference left outside backticks would escape every check below.
            unquoted(h.controlsCell()).ifPresent(t -> problems.add(h.id() + ": control not in backticks: " + t));
            unquoted(h.verificationCell())
                    .ifPresent(t -> problems.add(h.id() + ": verification not in backticks: " + t));
        }
        assertThat(problems).as("controls and verifications in %s", LOG).isEmpty();
    }

    @Test
    void everyControlIsARuleOrTheGate() throws IOException {
        Set<String> ruleIds = new HashSet<>();
        try (Stream<Path> drls = Files.list(RULES.resolve("ketamine"))) {
            for (Path drl : drls.filter(p -> p.toString().endsWith(".drl")).toList()) {
                ruleIds.addAll(drlIds(drl));
            }
        }
        ruleIds.addAll(firstColumn(RULES.resolve("required-facts.csv")));
        ruleIds.addAll(firstColumn(RULES.resolve("modality-choice.csv")));
        // PAR-01 and the like are enforced by the loader, not by a rule: their spec row is what they answer to.
        String spec = Files.readString(Path.of("docs/clinical-spec.md"));
        Path envelope = RULES.resolve("ketamine/envelope.drl");
        Set<String> envelopeIds = Files.exists(envelope) ? drlIds(envelope) : Set.of();
        Set<String> properties = declaredProperties();

        List<String> problems = new ArrayList<>();
        for (Hazard h : hazards) {
            for (String c : h.controls()) {
                if (c.equals("gate")) {
                    continue;
                }
                if (c.matches("ENV-0\\d")) {
                    // The envelope holds whatever any single rule says: its invariants are rules of its own file, or,
                    // for those no single rule can hold (order, unknown facts, newer values), properties proven over
                    // generated requests.
                    boolean property = ENVELOPE_PROPERTIES.containsKey(c) && properties.contains(ENVELOPE_PROPERTIES.get(c));
                    if (!c.matches("ENV-0[1-7]") || !(isRule(c, envelopeIds) || property)) {
                        problems.add(h.id() + ": control " + c + " is neither a rule of " + envelope
                                + " nor a property of EnvelopePropertiesTest");
                    }
                } else if (!isRule(c, ruleIds) && !Pattern.compile("^\\| " + Pattern.quote(c) + " \\|",
                        Pattern.MULTILINE).matcher(spec).find()) {
                    problems.add(h.id() + ": control " + c
                            + " is neither a rule ID in rules/ nor a row of docs/clinical-spec.md");
                }
            }
        }
        assertThat(problems).as("controls in %s", LOG).isEmpty();
    }

    @Test
    void everyScenarioExists() throws IOException {
        Set<String> cases = new HashSet<>();
        try (Stream<Path> tables = Files.list(RULES.resolve("scenarios/tables"))) {
            for (Path table : tables.filter(p -> p.toString().endsWith(".csv")).toList()) {
                cases.addAll(firstColumn(table));
            }
        }
        // A folder without request.json (bases/, tables/) is not a scenario.
        assertReferences("scenario", name -> cases.contains(name)
                || Files.isRegularFile(RULES.resolve("scenarios").resolve(name).resolve("request.json")),
                "is neither a folder of rules/scenarios/ nor a case of rules/scenarios/tables/*.csv");
    }

    @Test
    void everyPropertyIsDeclaredInTheEnvelopeProperties() throws IOException {
        Set<String> declared = declaredProperties();
        assertReferences("property", declared::contains, "is not a method of " + ENVELOPE_PROPERTIES_SOURCE);
    }

    /** jqwik properties return void or boolean; a mere call of the name is not a declaration. */
    private static Set<String> declaredProperties() throws IOException {
        String text = Files.exists(ENVELOPE_PROPERTIES_SOURCE) ? Files.readString(ENVELOPE_PROPERTIES_SOURCE) : "";
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("\\b(?:void|boolean)\\s+(\\w+)\\s*\\(").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyVignetteExists() throws IOException {
        Path file = Path.of("src/test/resources/acceptance/v1-vignettes.json");
        Set<String> names = new HashSet<>();
        for (JsonNode c : new ObjectMapper().readTree(file.toFile()).path("cases")) {
            names.add(c.path("name").asText());
        }
        // "V1" must not pass on the strength of "V19 ...".
        assertReferences("acceptance", id -> names.stream().anyMatch(n -> n.startsWith(id + " ")),
                "starts no case name in " + file);
    }

    @Test
    void everyTestClassExists() throws IOException {
        Set<String> classes = new HashSet<>();
        try (Stream<Path> files = Files.walk(TEST_SOURCES)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .forEach(n -> classes.add(n.substring(0, n.length() - ".java".length())));
        }
        assertReferences("test", classes::contains, "has no file under " + TEST_SOURCES);
    }

    @Test
    void everyVerificationHasAKnownKind() {
        List<String> problems = new ArrayList<>();
        for (Hazard h : hazards) {
            for (String v : h.verifications()) {
                if (!v.matches("(scenario|property|acceptance|test):\\S+")) {
                    problems.add(h.id() + ": verification " + v
                            + " is not scenario:, property:, acceptance: or test: followed by a name");
                }
            }
        }
        assertThat(problems).as("verifications in %s", LOG).isEmpty();
    }

    @Test
    void traceabilityLinksToTheHazardLog() throws IOException {
        // A reader who arrives at a rule through the matrix should find what harm it exists to prevent.
        assertThat(Files.readString(RULES.resolve("TRACEABILITY.md")))
                .as("rules/TRACEABILITY.md links to the hazard log")
                .contains("docs/hazards.md");
    }

    private static void assertReferences(String kind, Predicate<String> exists, String whyNot) {
        List<String> problems = new ArrayList<>();
        for (Hazard h : hazards) {
            for (String v : h.verifications()) {
                if (v.startsWith(kind + ":")) {
                    String name = v.substring(kind.length() + 1);
                    if (!exists.test(name)) {
                        problems.add(h.id() + ": " + v + " " + whyNot);
                    }
                }
            }
        }
        assertThat(problems).as("%s references in %s", kind, LOG).isEmpty();
    }

    /** The rows of the one table under {@link #HEADER}; the log's prose around it is not parsed. */
    static List<Hazard> parse(List<String> lines) {
        int header = lines.indexOf(HEADER);
        assertThat(header).as("%s has the table header %s", LOG, HEADER).isNotNegative();
        List<Hazard> rows = new ArrayList<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            if (line.matches("\\|[-\\s|:]*")) {
                continue;
            }
            String[] cells = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length())
                    .split("\\|", -1);
            assertThat(cells).as("%s: row has five cells: %s", LOG, line).hasSize(5);
            rows.add(new Hazard(cells[0].trim(), backticked(cells[3]), backticked(cells[4]), cells[3], cells[4]));
        }
        return rows;
    }

    private static List<String> backticked(String cell) {
        List<String> items = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(cell);
        while (m.find()) {
            items.add(m.group(1).trim());
        }
        return items;
    }

    private static Optional<String> unquoted(String cell) {
        String rest = BACKTICKED.matcher(cell).replaceAll("").replace(",", "").trim();
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    /** A spec ID is a rule when a rule carries it, alone or with one letter for one of several rules. */
    private static boolean isRule(String specId, Set<String> ruleIds) {
        return ruleIds.contains(specId)
                || ruleIds.stream().anyMatch(r -> r.length() == specId.length() + 1 && r.startsWith(specId)
                        && Character.isLowerCase(r.charAt(specId.length())));
    }

    private static Set<String> drlIds(Path drl) throws IOException {
        Set<String> ids = new TreeSet<>();
        Matcher m = RULE_ID.matcher(Files.readString(drl));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The first cell of every data row, the header and '#' comment lines left out. */
    private static Set<String> firstColumn(Path table) throws IOException {
        Set<String> values = new HashSet<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(Files.readString(table)), CSV)) {
            boolean header = true;
            for (CSVRecord r : parser) {
                if (header) {
                    header = false;
                } else if (r.size() > 0) {
                    values.add(r.get(0));
                }
            }
        }
        return values;
    }
}
