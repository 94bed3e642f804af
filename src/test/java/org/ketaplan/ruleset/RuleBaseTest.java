package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real rules/ directory compiles and every rule carries its clinical metadata. Plain JUnit: seconds. */
class RuleBaseTest {

    @Test
    void realRulesCompileAndVerify() {
        RuleBase rb = TestRules.ruleBase();
        assertThat(rb.rules()).isNotEmpty();
        assertThat(rb.version()).matches("\\d{4}\\.\\d{2}\\.\\d{2}-[0-9a-f]{7}");
    }

    @Test
    void everyRuleHasMetadataWithUniqueIdsAndNames() {
        List<RuleInfo> rules = TestRules.ruleBase().rules();
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.id()).as("id of %s", r.name()).matches("[A-Z]+-\\d{2}[a-z]?");
            assertThat(r.strength()).as("strength of %s", r.name()).isIn("FIRM", "PRACTICE", "UNCERTAIN");
            assertThat(r.sources()).as("sources of %s", r.name()).isNotEmpty();
            assertThat(r.reviewed()).as("reviewed of %s", r.name()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(r.file()).as("file of %s", r.name()).matches("rules/(.+\\.drl|required-facts\\.csv|modality-choice\\.csv)");
        });
        assertThat(rules.stream().collect(Collectors.groupingBy(RuleInfo::id, Collectors.counting())))
                .allSatisfy((id, n) -> assertThat(n).as("rules with @id %s", id).isEqualTo(1));
        assertThat(rules.stream().map(RuleInfo::name).distinct().count()).isEqualTo(rules.size());
    }

    /** Every rule ID names a rule of the clinical spec, so a plan can always be traced back to it. */
    @Test
    void everyRuleIdBelongsToTheClinicalSpec() throws IOException {
        Path spec = Path.of("docs", "clinical-spec.md");
        Matcher m = Pattern.compile("^\\| ([A-Z]+-\\d{2}b?) ", Pattern.MULTILINE).matcher(Files.readString(spec));
        Set<String> specIds = new java.util.HashSet<>();
        while (m.find()) {
            specIds.add(m.group(1));
        }
        assertThat(TestRules.ruleBase().rules()).allSatisfy(r ->
                assertThat(specIds).as("spec ID of %s (%s)", r.id(), r.name())
                        .contains(r.id().replaceFirst("[a-z]$", "")));
    }

    @Test
    void ruleWithoutMetadataIsRejectedNamingFileAndRule(@TempDir Path dir) throws IOException {
        TestRules.copyTables(dir);
        write(dir, "ketamine/bare.drl", """
                package ketamine;
                import org.ketaplan.facts.*;
                rule "A rule without metadata"
                    when
                        Patient( ageYears > 200 )
                    then
                end
                """);
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("rules/ketamine/bare.drl")
                .hasMessageContaining("\"A rule without metadata\" needs @id")
                .hasMessageContaining("needs @strength")
                .hasMessageContaining("needs @source")
                .hasMessageContaining("needs @reviewed");
    }

    @Test
    void duplicateIdIsRejected(@TempDir Path dir) throws IOException {
        TestRules.copyTables(dir);
        String rule = """
                rule "%s"
                    @id("CI-03") @strength("FIRM") @source("x") @reviewed("2026-11-21")
                    when
                        Patient( ageYears > 200 )
                    then
                end
                """;
        write(dir, "ketamine/dup.drl", "package ketamine;\nimport org.ketaplan.facts.*;\n"
                + rule.formatted("First") + rule.formatted("Second"));
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("reuses @id(\"CI-03\")");
    }

    @Test
    void supersedingAnUnknownRuleIsRejected(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path drl = dir.resolve("ketamine/suicidality.drl");
        String text = Files.readString(drl);
        assertThat(text).contains("@supersedes(\"PSY-05\")");
        Files.writeString(drl, text.replaceFirst("@supersedes\\(\"PSY-05\"\\)", "@supersedes(\"PSY-55\")"));
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rules/ketamine/suicidality.drl")
                .hasMessageContaining("supersedes PSY-55, which is not in the rule set");
    }

    /** The page and the cards show these labels; a flag without one would be shown as its code. */
    @Test
    void everyFlagNeedsOneLabel(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path labels = dir.resolve("terminology/flag-labels.csv");
        String text = Files.readString(labels);
        Files.writeString(labels, String.join("\n", text.lines().filter(l -> !l.startsWith("MAOI_BP,")).toList())
                + "\nMAOI_PB,Typo\n");
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rules/terminology/flag-labels.csv")
                .hasMessageContaining("'MAOI_PB' is not a flag of the contract")
                .hasMessageContaining("no label for flag MAOI_BP");
    }

    /** The page and the cards word every code from the table; a value without words would show as its code. */
    @Test
    void everyCodeNeedsItsWords(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path table = dir.resolve("terminology/wording.csv");
        String text = Files.readString(table);
        Files.writeString(table, String.join("\n", text.lines().filter(l -> !l.startsWith("psychotherapy,SAFETY_PLAN,"))
                .toList()) + "\ntriage,CALM,Calm\n");
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rules/terminology/wording.csv")
                .hasMessageContaining("'CALM' is not a value of triage")
                .hasMessageContaining("no words for psychotherapy SAFETY_PLAN");
    }

    @Test
    void syntaxErrorIsReportedWithRulesPathAndLine(@TempDir Path dir) throws IOException {
        TestRules.copyTables(dir);
        write(dir, "ketamine/broken.drl", """
                package ketamine;
                import org.ketaplan.facts.*;

                rule "Broken rule"
                    @id("CI-03") @strength("FIRM") @source("x") @reviewed("2026-11-21")
                    when
                        Patient( ageYears > )
                    then
                end
                """);
        RuleBaseException e = (RuleBaseException) org.assertj.core.api.Assertions.catchThrowable(
                () -> new RuleBaseLoader(dir, "rules").load());
        assertThat(e).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("rules/ketamine/broken.drl");
            assertThat(p.line()).isEqualTo(7);
        });
        assertThat(e.getMessage()).doesNotContain("src/main/resources").doesNotContain("target/classes");
    }

    @Test
    void unknownFactTypeIsReportedWithRulesPath(@TempDir Path dir) throws IOException {
        TestRules.copyTables(dir);
        write(dir, "ketamine/typo.drl", """
                package ketamine;
                import org.ketaplan.facts.*;

                rule "Typo in a fact"
                    @id("CI-03") @strength("FIRM") @source("x") @reviewed("2026-11-21")
                    when
                        Patinet( ageYears > 10 )
                    then
                end
                """);
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rules/ketamine/typo.drl:")
                .hasMessageContaining("Patinet");
    }

    @Test
    void undeclaredParameterIsRejected(@TempDir Path dir) throws IOException {
        TestRules.copyTables(dir);
        write(dir, "ketamine/param.drl", """
                package ketamine;
                import org.ketaplan.facts.*;

                rule "Uses an undeclared parameter"
                    @id("CI-03") @strength("FIRM") @source("x") @reviewed("2026-11-21")
                    when
                        Parameter( name == "NO_SUCH_LIMIT", $v : value )
                    then
                end
                """);
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rules/ketamine/param.drl:7: parameter NO_SUCH_LIMIT is not declared");
    }

    /** PAR-01: a blank BP hard stop once switched CI-09 off and BP 200/120 was scheduled. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} = ''{1}'' is rejected: {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "BP_HARD_STOP_SYSTOLIC | '' | is required and blank",
            "BP_HARD_STOP_DIASTOLIC | '' | is required and blank",
            "VITALS_MAX_AGE_DAYS | '' | is required and blank",
            "SUICIDE_SCREEN_MAX_AGE_DAYS | '' | is required and blank",
            "BP_HARD_STOP_SYSTOLIC | 18O | must be a number",
            "BP_HARD_STOP_SYSTOLIC | 149 | outside its range 150..220",
            "BP_HARD_STOP_SYSTOLIC | 221 | outside its range 150..220",
            "SUICIDE_SCREEN_MAX_AGE_DAYS | 0 | outside its range 1..30",
            "SUICIDE_SCREEN_MAX_AGE_DAYS | NaN | outside its range",
            "ESKETAMINE_LABEL_REGION | UK | must be one of US, EU",
            "ESKETAMINE_LABEL_REGION | '' | is required and blank",
            "IV_MAX_MG | 5 | outside its range 10..300"})
    void invalidParameterRejectsTheRuleSetNamingFileLineAndParameter(String name, String value, String message,
                                                                      @TempDir Path dir) throws IOException {
        int line = lineOf(TestRules.RULES.resolve("parameters.csv"), name + ",");
        assertThatThrownBy(() -> TestRules.withParameter(dir, name, value))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("rules/parameters.csv:" + line + ": parameter " + name)
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} = ''{1}'' is accepted")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "IV_MAX_MG | ''", "IV_MAX_MG | 10", "IV_MAX_MG | 300", "BP_HARD_STOP_SYSTOLIC | 150",
            "BP_HARD_STOP_SYSTOLIC | 220", "ESKETAMINE_LABEL_REGION | EU"})
    void parameterWithinItsDeclarationIsAccepted(String name, String value, @TempDir Path dir) {
        RuleBase rb = TestRules.withParameter(dir, name, value);
        var p = rb.parameters().stream().filter(x -> x.name().equals(name)).findFirst();
        if (value.isEmpty()) {
            assertThat(p).isEmpty();
        } else {
            assertThat(p).hasValueSatisfying(x -> assertThat(x.choice() != null ? x.choice()
                    : String.valueOf((int) x.value())).isEqualTo(value));
        }
        rb.dispose();
    }

    @Test
    void parameterWithoutRangeOrOptionalityIsRejected(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path csv = dir.resolve("parameters.csv");
        Files.writeString(csv, Files.readString(csv).replace(",1..90,no,", ",,maybe,"));
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("parameter VITALS_MAX_AGE_DAYS: optional must be yes or no")
                .hasMessageContaining("parameter VITALS_MAX_AGE_DAYS needs a range");
    }

    /** Rules made from rules/required-facts.csv report their errors against the row, where the lead edits. */
    @Test
    void brokenRequiredFactRowIsRejectedNamingTheTableLine(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path table = dir.resolve("required-facts.csv");
        List<String> lines = Files.readAllLines(table);
        int line = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("MD-02c,")) {
                lines.set(i, lines.get(i).replace("Patient( sex != Sex.MALE )", "Patient( sex != Sex.MAEL )"));
                line = i + 1;
            }
        }
        Files.write(table, lines);
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load()).isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("rules/required-facts.csv:" + line + ":");
    }

    @Test
    void requiredFactRowWithAnUnknownNeededByIsRejected(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path table = dir.resolve("required-facts.csv");
        Files.writeString(table, Files.readString(table).replace(",,,BLOCKS_PLAN,\"Psychosis history",
                ",,,SOMETIME,\"Psychosis history"));
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("needed_by must be one of");
    }

    @Test
    void quotedCellMayHoldACommaInATable(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path csv = dir.resolve("parameters.csv");
        Files.writeString(csv, Files.readString(csv).replace(
                "Design choice (clinical-spec MD-01): older vitals count as missing",
                "\"Design choice, clinical-spec MD-01: older vitals count as missing\""));
        RuleBase rb = new RuleBaseLoader(dir, "rules").load();
        assertThat(rb.parameters()).extracting(org.ketaplan.facts.Parameter::name).contains("VITALS_MAX_AGE_DAYS");
        rb.dispose();
    }

    private static int lineOf(Path file, String prefix) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError(prefix + " not in " + file);
    }

    /** A lowest adequate dose only means something for an antidepressant, and only as a dose. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sertraline,ANTIDEPRESSANT,,0", "sertraline,ANTIDEPRESSANT,,fifty",
            "lorazepam,BENZODIAZEPINE,10,2"})
    void adequateDoseThatIsNotADoseOfAnAntidepressantIsRejectedWithLine(String row, @TempDir Path dir) throws IOException {
        TestRules.copyTables(dir);
        Files.writeString(dir.resolve("terminology/medications.csv"), "name,classes,diazepam_mg_per_mg,adequate_daily_mg\n"
                + row + "\n");
        write(dir, "ketamine/ok.drl", "package ketamine;\n");
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rules/terminology/medications.csv:2: adequate_daily_mg must be a dose");
    }

    @Test
    void medicationWithUndeclaredClassIsRejectedWithLine(@TempDir Path dir) throws IOException {
        TestRules.copyTables(dir);
        Files.writeString(dir.resolve("terminology/medications.csv"), "name,classes,diazepam_mg_per_mg,adequate_daily_mg\nfoo,MAIO,,\n");
        write(dir, "ketamine/ok.drl", "package ketamine;\n");
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rules/terminology/medications.csv:2: class 'MAIO' of foo is not declared");
    }

    @Test
    void versionChangesWithContent(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        String before = new RuleBaseLoader(dir, "rules").load().version();
        Files.writeString(dir.resolve("ketamine/extra-comment.drl"), "package ketamine;\n// comment\n");
        String after = new RuleBaseLoader(dir, "rules").load().version();
        assertThat(after).isNotEqualTo(before);
    }

    private static void write(Path dir, String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
