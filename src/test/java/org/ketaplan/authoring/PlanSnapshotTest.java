package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.ruleset.TestRules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A structural change (packages, where a table is read, how a rule is generated) must not change any plan:
 * every scenario's whole plan is compared with the one recorded before (plan id, rule-set version and load time
 * aside). A deliberate clinical change re-records them: {@code ./mvnw test -Dtest=PlanSnapshotTest
 * -Dsnapshots.update=true}, and the diff of src/test/resources/plan-snapshots/ is reviewed with it.
 */
class PlanSnapshotTest {

    static final Path SNAPSHOTS = Path.of("src/test/resources/plan-snapshots");

    static Stream<ScenarioRunner.Scenario> scenarios() {
        return ScenarioRunner.scenarios(TestRules.RULES).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void planIsUnchanged(ScenarioRunner.Scenario scenario) throws IOException {
        TreatmentPlan plan = Plans.plan(ScenarioRunner.withParameters(TestRules.ruleBase(), scenario.parameters()),
                scenario.request());
        ObjectNode json = Requests.JSON.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).valueToTree(plan);
        json.remove("planId");
        json.remove("ruleset");
        String text = Requests.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        Path file = SNAPSHOTS.resolve(scenario.name() + ".json");
        if (Boolean.getBoolean("snapshots.update") || !Files.exists(file)) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(file, text);
        }
        JsonNode recorded = Requests.JSON.readTree(file.toFile());
        assertThat(json).as("plan of %s against %s", scenario.name(), file).isEqualTo(recorded);
    }
}
