package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;
import org.ketaplan.ruleset.TestRules;

/** The clinical lead's check command on the real rules and on broken copies. */
class RulesCheckTest {

    @Test
    void realRulesPass() {
        RulesCheck.Report report = RulesCheck.run(TestRules.RULES, Plans.reader(), Requests.JSON);
        assertThat(report.passed()).as(report.text()).isTrue();
        assertThat(report.text()).contains("PASSED").contains("Scenarios: ").contains(" pass.");
    }

    @Test
    void syntaxErrorIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path file = dir.resolve("ketamine/contraindications.drl");
        Files.writeString(file, Files.readString(file).replace("ageYears < 18 )", "ageYears < )"));
        RulesCheck.Report report = RulesCheck.run(dir, Plans.reader(), Requests.JSON);
        assertThat(report.passed()).isFalse();
        assertThat(report.text()).contains("REJECTED").containsPattern("ketamine/contraindications\\.drl:\\d+: ")
                .doesNotContain("null Package");
    }

    @Test
    void scenarioBreakingEditNamesTheScenarioAndField(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path file = dir.resolve("ketamine/series.drl");
        Files.writeString(file, Files.readString(file).replace("IV_KETAMINE_INDUCTION, 6,", "IV_KETAMINE_INDUCTION, 5,"));
        RulesCheck.Report report = RulesCheck.run(dir, Plans.reader(), Requests.JSON);
        assertThat(report.passed()).isFalse();
        assertThat(report.text()).contains("FAILED trd_iv_contract_example").contains("series.sessions: expected 6, got 5");
    }

    /** The FHIR code maps are rules too: a value the request reader refuses rejects the rule set. */
    @Test
    void terminologyValueTypoIsRejectedNamingFileAndLine(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path table = dir.resolve("terminology/fhir-conditions.csv");
        Files.writeString(table, Files.readString(table).replace(
                "icd-10-cm,F43.1,prefix,diagnoses.ptsd,CONFIRMED,", "icd-10-cm,F43.1,prefix,diagnoses.ptsd,CONFIRMD,"));
        RulesCheck.Report report = RulesCheck.run(dir, Plans.reader(), Requests.JSON);
        assertThat(report.passed()).isFalse();
        assertThat(report.text()).containsPattern("terminology/fhir-conditions\\.csv:\\d+: diagnoses\\.ptsd = CONFIRMD");
    }

    /**
     * Compared with the active rules, only what the edit touched is listed: a rule in an edited file, or one whose
     * scenario was removed. Rules accepted before and left alone are not the lead's next scenario to write.
     */
    @Test
    void againstTheActiveRulesOnlyTouchedRulesAreListed(@TempDir Path dir) throws IOException {
        var active = new org.ketaplan.ruleset.RuleBaseLoader(TestRules.RULES, "rules").load();
        var exercised = new ScenarioGate(Plans.reader(), Requests.JSON).check(active, TestRules.RULES)
                .scenariosByRuleId().keySet();
        active.dispose();
        RulesCheck.Active compared = new RulesCheck.Active(TestRules.RULES, exercised, "none: test");
        TestRules.copyAll(dir);
        RulesCheck.Report unchanged = RulesCheck.run(dir, Plans.reader(), Requests.JSON, null, false, compared);
        assertThat(unchanged.text()).doesNotContain("no scenario exercises");

        Path table = dir.resolve("scenarios/tables/contraindications.csv");
        Files.write(table, Files.readAllLines(table).stream().filter(l -> !l.startsWith("aneurysm_is")).toList());
        RulesCheck.Report removed = RulesCheck.run(dir, Plans.reader(), Requests.JSON, null, false, compared);
        assertThat(removed.text()).contains("whose scenarios you removed, that no scenario exercises (1;")
                .contains("CI-01a");
    }

    /** The intake's skip logic is rules too: a field the request does not have, or an unknown test, rejects it. */
    @Test
    void aSkipOfAFieldTheRequestDoesNotHaveIsRejectedNamingFileAndLine(@TempDir Path dir) throws IOException {
        RulesCheck.Report misspelt = withSkip(dir.resolve("misspelt"), "patient.breastfeding,patient.sex,none of,MALE,Not asked.");
        assertThat(misspelt.text()).containsPattern("terminology/skip-logic\\.csv:\\d+: patient\\.breastfeding");
        RulesCheck.Report badTest = withSkip(dir.resolve("bad-test"), "patient.breastfeeding,patient.sex,is not,MALE,Not asked.");
        assertThat(badTest.text()).contains("REJECTED: the rules do not load").containsPattern("skip-logic\\.csv:\\d+: ");
    }

    /** A skip that hides a question some plan still needs would leave that plan for ever incomplete on the page. */
    @Test
    void aSkipThatHidesAQuestionAPlanNeedsIsRejected(@TempDir Path dir) throws IOException {
        RulesCheck.Report report = withSkip(dir,
                "medicalHistory.ketamineHypersensitivity,patient.ageYears,one of,120,Not asked: only at 120.");
        assertThat(report.text()).contains("the intake does not ask medicalHistory.ketamineHypersensitivity, which this"
                + " plan still needs");
    }

    /** Two questions each asked only after the other has no first answer. */
    @Test
    void aSkipCycleIsRejected(@TempDir Path dir) throws IOException {
        RulesCheck.Report report = withSkip(dir, "patient.sex,patient.breastfeeding,one of,false,Not asked.");
        assertThat(report.text()).contains("REJECTED: the rules do not load").contains("depends on itself");
    }

    /** The check of a copy of the real rules whose skip logic has one more row; rejected, or the test says why not. */
    private static RulesCheck.Report withSkip(Path dir, String row) throws IOException {
        TestRules.copyAll(dir);
        Path table = dir.resolve("terminology/skip-logic.csv");
        Files.writeString(table, Files.readString(TestRules.RULES.resolve("terminology/skip-logic.csv")) + row + "\n");
        RulesCheck.Report report = RulesCheck.run(dir, Plans.reader(), Requests.JSON);
        assertThat(report.passed()).as(report.text()).isFalse();
        return report;
    }

    @Test
    void rulesWithoutAScenarioAreListedAndTheGateGapNamed(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path table = dir.resolve("scenarios/tables/contraindications.csv");
        Files.write(table, Files.readAllLines(table).stream().filter(l -> !l.startsWith("aneurysm_is")).toList());
        RulesCheck.Report report = RulesCheck.run(dir, Plans.reader(), Requests.JSON);
        assertThat(report.text()).contains("Rules no scenario exercises").contains("CI-01a")
                .contains("not caught: delete CI-01a");
    }
}
