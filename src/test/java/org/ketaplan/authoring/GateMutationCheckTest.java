package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;
import org.ketaplan.ruleset.RuleBaseLoader;
import org.ketaplan.ruleset.TestRules;

/** The gate is the safety net: it must notice every safety rule deleted and every safety parameter moved. */
class GateMutationCheckTest {

    static final ScenarioRunner RUNNER = new ScenarioRunner(Plans.reader(), Requests.JSON);

    @Test
    void gateCatchesEverySafetyMutationOfTheRealRules() {
        GateMutationCheck.Report report = GateMutationCheck.run(TestRules.ruleBase(), TestRules.RULES, RUNNER);
        System.out.println(report.summary());
        assertThat(report.problems()).isEmpty();
        assertThat(report.missed()).extracting(GateMutationCheck.Mutation::description).isEmpty();
        // Every family in the scope is there: a scope that matched nothing would prove nothing.
        assertThat(report.mutations()).extracting(GateMutationCheck.Mutation::description)
                .anyMatch(d -> d.startsWith("delete CI-09 "))
                .anyMatch(d -> d.startsWith("delete SUI-05 "))
                .anyMatch(d -> d.startsWith("delete RC-01 "))
                .anyMatch(d -> d.startsWith("delete SAFE-01a "))
                .contains("move BP_HARD_STOP_SYSTOLIC from 180 to 179", "move BP_HARD_STOP_SYSTOLIC from 180 to 181",
                        "move SUICIDE_SCREEN_MAX_AGE_DAYS from 30 to 29", "move ESKETAMINE_LABEL_REGION from US to EU");
    }

    @Test
    void aSafetyRuleWithoutAScenarioIsReportedAsNotCaught(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path table = dir.resolve("scenarios/tables/contraindications.csv");
        // Without its rows nothing notices hypersensitivity (CI-03a) being deleted.
        Files.write(table, Files.readAllLines(table).stream().filter(l -> !l.startsWith("hypersensitivity_is")).toList());
        var rb = new RuleBaseLoader(dir, "rules").load();
        GateMutationCheck.Report report = GateMutationCheck.run(rb, dir, RUNNER);
        assertThat(report.missed()).extracting(GateMutationCheck.Mutation::description)
                .containsExactly("delete CI-03a \"Hypersensitivity to ketamine or esketamine: ineligible\"");
        rb.dispose();
    }

    @Test
    void aThresholdWithoutItsTrioIsReportedAsNotCaught(@TempDir Path dir) throws IOException {
        TestRules.copyAll(dir);
        Path table = dir.resolve("scenarios/tables/contraindications.csv");
        Files.write(table, Files.readAllLines(table).stream()
                .filter(l -> !l.startsWith("bp_179_82") && !l.startsWith("bp_180_82")).toList());
        Path sessions = dir.resolve("scenarios/tables/course-of-care.csv");
        Files.write(sessions, Files.readAllLines(sessions).stream().filter(l -> !l.startsWith("bp_180_today")).toList());
        var rb = new RuleBaseLoader(dir, "rules").load();
        GateMutationCheck.Report report = GateMutationCheck.run(rb, dir, RUNNER);
        assertThat(report.missed()).extracting(GateMutationCheck.Mutation::description)
                .contains("move BP_HARD_STOP_SYSTOLIC from 180 to 181");
        rb.dispose();
    }

    @Test
    void checkCommandReportsTheCount() {
        RulesCheck.Report report = RulesCheck.run(TestRules.RULES, Plans.reader(), Requests.JSON);
        assertThat(report.text()).containsPattern("Gate: gate catches (\\d+)/\\1 safety mutations\\.");
    }
}
