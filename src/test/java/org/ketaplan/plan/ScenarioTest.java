package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaplan.engine.TestRules;

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
        assertThat(result.differences()).as("differences from %s/expected.json", scenario.dir()).isEmpty();
    }

    @Test
    void thereAreScenarios() {
        assertThat(scenarios().count()).isGreaterThanOrEqualTo(20);
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
