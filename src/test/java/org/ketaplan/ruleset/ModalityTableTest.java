package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modality decision table, rules/modality-choice.csv: what a lead can get wrong in it (a gap, a contradiction,
 * a misspelt value, a rule that does not exist) stops the load and names the row or the situation.
 */
class ModalityTableTest {

    private static final String TABLE = "modality-choice.csv";

    @Test
    void theTableMakesTheModalityRules() {
        List<RuleInfo> fromTable = TestRules.ruleBase().rules().stream()
                .filter(r -> r.file().equals("rules/" + TABLE)).toList();
        assertThat(fromTable).extracting(RuleInfo::id)
                .containsExactlyInAnyOrder("MOD-01a", "MOD-01b", "MOD-02a", "MOD-04a", "MOD-04c", "STEP-02b");
        assertThat(fromTable).allSatisfy(r -> assertThat(r.category()).isEqualTo("modality"));
    }

    @Test
    void aDeletedRowLeavesAGapThatIsNamed(@TempDir Path dir) throws IOException {
        edit(dir, text -> without(text, "MOD-04a,"));
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rules/" + TABLE)
                .hasMessageContaining("no row decides indication TREATMENT_RESISTANT_DEPRESSION, course NEW, "
                        + "preference IV_KETAMINE, iv_capable no, rems_certified yes, esketamine_excluded no, iv_excluded no");
    }

    @Test
    void rowsThatDisagreeAreNamedWithTheirLines(@TempDir Path dir) throws IOException {
        // MOD-04c chooses IV ketamine where esketamine is preferred at a site without REMS; make it choose
        // esketamine for the PTSD too, where MOD-02a chooses IV ketamine.
        edit(dir, text -> text.replace(
                "MOD-04c,Esketamine preferred but the site is not REMS-certified: IV ketamine at this site,"
                        + "TREATMENT_RESISTANT_DEPRESSION,NEW,ESKETAMINE,yes,no,any,any,IV_KETAMINE",
                "MOD-04c,Esketamine preferred but the site is not REMS-certified: IV ketamine at this site,"
                        + "REFRACTORY_PTSD,NEW,ESKETAMINE,yes,no,any,any,ESKETAMINE"));
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rows disagree for indication REFRACTORY_PTSD, course NEW, preference ESKETAMINE")
                .hasMessageMatching("(?s).*ESKETAMINE \\(line \\d+\\) against IV_KETAMINE \\(lines \\d+.*");
    }

    @Test
    void aMisspeltValueIsRejectedNamingItsLine(@TempDir Path dir) throws IOException {
        int line = lineOf(dir, "MOD-04a,");
        edit(dir, text -> text.replace("TREATMENT_RESISTANT_DEPRESSION,NEW,IV_KETAMINE,no,yes,no,any,ESKETAMINE",
                "TREATMENT_RESISTANT_DEPRESSION,NEW,IV,no,yes,no,any,ESKETAMINE"));
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rules/" + TABLE + ":" + line + ": preference must be any");
    }

    @Test
    void aNoneRowMustNameARealRule(@TempDir Path dir) throws IOException {
        int line = lineOf(dir, "CI-15a,");
        edit(dir, text -> text.replace("\nCI-15a,", "\nCI-15z,"));
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("rules/" + TABLE + ":" + line + ": names rule CI-15z, which is not in the rule set");
    }

    @Test
    void laterRowsOfARuleMayNotChooseSomethingElse(@TempDir Path dir) throws IOException {
        edit(dir, text -> text.replace("MOD-02a,,REFRACTORY_PTSD,NEW,any,yes,any,any,any,IV_KETAMINE",
                "MOD-02a,,REFRACTORY_PTSD,NEW,any,yes,any,any,any,ESKETAMINE"));
        assertThatThrownBy(() -> new RuleBaseLoader(dir, "rules").load())
                .hasMessageContaining("every row of MOD-02a must choose IV_KETAMINE");
    }

    private static void edit(Path dir, UnaryOperator<String> change) throws IOException {
        if (!Files.exists(dir.resolve(TABLE))) {
            TestRules.copyAll(dir);
        }
        Path table = dir.resolve(TABLE);
        String before = Files.readString(table);
        String after = change.apply(before);
        assertThat(after).as("the edit applies to the table").isNotEqualTo(before);
        Files.writeString(table, after);
    }

    private static int lineOf(Path dir, String prefix) throws IOException {
        TestRules.copyAll(dir);
        List<String> lines = Files.readAllLines(dir.resolve(TABLE));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no row starts with " + prefix);
    }

    private static String without(String text, String prefix) {
        return String.join("\n", text.lines().filter(l -> !l.startsWith(prefix)).toList()) + "\n";
    }
}
