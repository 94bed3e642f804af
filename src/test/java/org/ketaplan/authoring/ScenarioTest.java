package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;
import org.ketaplan.ruleset.TestRules;

/** One test per folder of rules/scenarios/: a clinical lead adds a case by copying a folder. */
class ScenarioTest {

    static final ScenarioRunner RUNNER = new ScenarioRunner(Plans.reader(), Requests.JSON);

    static Stream<ScenarioRunner.Scenario> scenarios() {
        return ScenarioRunner.scenarios(TestRules.RULES).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioPlanMatchesExpectedFragment(ScenarioRunner.Scenario scenario) {
        ScenarioRunner.Result result = RUNNER.run(TestRules.ruleBase(), scenario);
        Plans.recordFired(result.firedRuleIds());
        assertThat(result.differences()).as("differences from %s", scenario.origin()).isEmpty();
    }

    /**
     * A site sets its own policy (a review every four months instead of three: not a safety parameter) without editing
     * a scenario: those that pin a date computed from it name the value they were written for.
     */
    @Test
    void aSitePolicyEditPassesTheGate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path rules = ImpactTest.copyWith(tmp, "MAINT_REVIEW_MONTHS", "3", "4");
        org.ketaplan.ruleset.RuleBase edited = new org.ketaplan.ruleset.RuleBaseLoader(rules, "rules").load();
        try {
            assertThat(new ScenarioGate(Plans.reader(), Requests.JSON).check(edited, rules).failures()).isEmpty();
        } finally {
            edited.dispose();
        }
    }

    @Test
    void thereAreScenarios() {
        assertThat(scenarios().count()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void tableRowIsACaseAndABrokenRowFailsNamingItsLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path scenarios = dir.resolve("scenarios");
        java.nio.file.Files.createDirectories(scenarios.resolve("tables"));
        java.nio.file.Files.createDirectories(scenarios.resolve("bases"));
        java.nio.file.Files.copy(TestRules.RULES.resolve("scenarios/bases/complete.json"),
                scenarios.resolve("bases/complete.json"));
        java.nio.file.Files.writeString(scenarios.resolve("tables/bp.csv"), """
                # comment lines are skipped
                case,base,set,expect,fired,not_fired,why
                bp_141_clearance,complete,vitals[0].systolic=141,"eligibility=NEEDS_CLEARANCE; flags has OFF_LABEL",RC-01,CI-09,label >140
                bp_141_wrong,complete,vitals[0].systolic=141,eligibility=ELIGIBLE,CI-09,RC-01,deliberately wrong
                no_base,nowhere,,eligibility=ELIGIBLE,,,
                bad_path,complete,vitals[7].systolic=141,eligibility=ELIGIBLE,,,
                no_screen,complete,suicideScreen=absent,"missingData has {""fact"":""suicideScreen""}",MD-04b,,
                """);
        var all = ScenarioRunner.scenarios(dir);
        assertThat(all).extracting(ScenarioRunner.Scenario::name)
                .containsExactly("bp_141_clearance", "bp_141_wrong", "no_base", "bad_path", "no_screen");
        var results = all.stream().map(s -> RUNNER.run(TestRules.ruleBase(), s)).toList();
        assertThat(results.get(0).differences()).isEmpty();
        assertThat(results.get(1).differences()).containsExactlyInAnyOrder(
                "eligibility: expected \"ELIGIBLE\", got \"NEEDS_CLEARANCE\"",
                "rule CI-09 was expected to fire but did not",
                "rule RC-01 fired but was expected not to");
        assertThat(results.get(2).differences()).singleElement().asString()
                .contains("scenarios/tables/bp.csv:5").contains("no base request bases/nowhere.json");
        assertThat(results.get(3).differences()).singleElement().asString()
                .contains("scenarios/tables/bp.csv:6").contains("beyond the end");
        assertThat(results.get(4).differences()).isEmpty();
    }

    @Test
    void comparisonReportsTheDifferingField() throws Exception {
        var expected = Requests.JSON.readTree("{\"series\":{\"type\":\"IV_KETAMINE_INDUCTION\"},\"flags\":[\"OFF_LABEL\"]}");
        var actual = Requests.JSON.readTree("{\"series\":{\"type\":\"DEFER\",\"sessions\":6},\"flags\":[\"IBW_DOSING\"]}");
        List<String> out = new java.util.ArrayList<>();
        ScenarioRunner.compare(expected, actual, "", out);
        assertThat(out).containsExactly(
                "series.type: expected \"IV_KETAMINE_INDUCTION\", got \"DEFER\"",
                "flags: expected exactly [\"OFF_LABEL\"] (any order), got [\"IBW_DOSING\"]");
    }

    @Test
    void listsOfObjectsMustContainTheListedOnesAndEmptyListsMustBeEmpty() throws Exception {
        var actual = Requests.JSON.readTree("{\"missingData\":[{\"fact\":\"vitals\",\"ruleId\":\"MD-01a\"}],\"schedule\":[\"2026-11-22\"]}");
        List<String> out = new java.util.ArrayList<>();
        ScenarioRunner.compare(Requests.JSON.readTree("{\"missingData\":[{\"fact\":\"vitals\"}]}"), actual, "", out);
        assertThat(out).isEmpty();
        ScenarioRunner.compare(Requests.JSON.readTree("{\"missingData\":[],\"schedule\":[]}"), actual, "", out);
        assertThat(out).hasSize(2);
    }
}
