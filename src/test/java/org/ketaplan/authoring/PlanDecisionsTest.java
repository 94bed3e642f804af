package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.ruleset.TestRules;

/**
 * A structural change (packages, where a table is read, how a rule is generated) must not change any decision: every
 * scenario's decisions are compared with those recorded before, one line per scenario in
 * src/test/resources/plan-decisions.txt. The words of a plan are not recorded, so a wording edit changes nothing here,
 * and a changed decision is one changed line in review. A deliberate clinical change re-records them:
 * {@code ./mvnw test -Dtest=PlanDecisionsTest -Ddecisions.update=true}. A scenario without a recorded line fails: a
 * new scenario's line is recorded the same way, never by the test itself.
 */
class PlanDecisionsTest {

    static final Path RECORDED = Path.of("src/test/resources/plan-decisions.txt");
    private static final String HEADER = "# scenario | triage | eligibility | indication | series (proposed) dates |"
            + " maintenance review | next session | flags | clearances | missing data | rules\n";

    static Stream<ScenarioRunner.Scenario> scenarios() {
        return ScenarioRunner.scenarios(TestRules.RULES).stream();
    }

    static String line(ScenarioRunner.Scenario scenario) {
        TreatmentPlan p = Plans.plan(ScenarioRunner.withParameters(TestRules.ruleBase(), scenario.parameters()),
                scenario.request());
        return String.join(" | ", scenario.name(), p.triage().name(), p.eligibility().name(), p.indication().name(),
                p.series().type() + (p.series().proposedType() == null ? "" : " (" + p.series().proposedType() + ")")
                        + " " + p.series().schedule(),
                p.maintenance().type() + (p.maintenance().reviewBy() == null ? "" : " " + p.maintenance().reviewBy()),
                p.nextSession().decision() + (p.nextSession().date() == null ? "" : " " + p.nextSession().date()),
                p.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                p.clearances().stream().map(c -> c.reviewer() + ":" + c.ruleId()).sorted().distinct()
                        .collect(Collectors.joining(",")),
                p.missingData().stream().map(m -> m.fact() + ":" + m.neededBy()).sorted().collect(Collectors.joining(",")),
                p.rationale().stream().map(TreatmentPlan.RationaleItem::ruleId).sorted().collect(Collectors.joining(",")));
    }

    static Map<String, String> recorded() throws IOException {
        Map<String, String> byName = new TreeMap<>();
        if (Files.exists(RECORDED)) {
            for (String l : Files.readAllLines(RECORDED)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    byName.put(l.substring(0, l.indexOf(" | ")), l);
                }
            }
        }
        return byName;
    }

    @BeforeAll
    static void updateWhenAsked() throws IOException {
        if (Boolean.getBoolean("decisions.update")) {
            List<String> lines = new ArrayList<>(scenarios().map(PlanDecisionsTest::line).sorted().toList());
            Files.writeString(RECORDED, HEADER + String.join("\n", lines) + "\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decisionsAreUnchanged(ScenarioRunner.Scenario scenario) throws IOException {
        String recorded = recorded().get(scenario.name());
        assertThat(recorded).as("recorded decisions of %s in %s (record them with -Ddecisions.update=true, and review"
                + " the diff)", scenario.name(), RECORDED).isNotNull();
        assertThat(line(scenario)).as("decisions of %s against %s", scenario.name(), RECORDED).isEqualTo(recorded);
    }

    @Test
    void everyRecordedLineIsAScenario() throws IOException {
        var names = scenarios().map(ScenarioRunner.Scenario::name).collect(Collectors.toSet());
        assertThat(recorded().keySet()).as("lines of %s without a scenario", RECORDED).allMatch(names::contains);
    }
}
