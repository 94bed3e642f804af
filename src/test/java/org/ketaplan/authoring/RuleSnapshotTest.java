package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;
import org.ketaplan.ruleset.CandidateCheck;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleBaseException;
import org.ketaplan.ruleset.RuleBaseLoader;
import org.ketaplan.ruleset.RuleSnapshot;
import org.ketaplan.ruleset.TestRules;

/**
 * The build's rule snapshot (RuleSnapshot) stands in for compiling and gating at start-up, so it must give the same
 * rules and the same plans, and be refused whenever anything differs from what it was made from.
 */
class RuleSnapshotTest {

    private static final ScenarioGate GATE = new ScenarioGate(Plans.reader(), Requests.JSON);
    private static Path rules;
    private static RuleBase compiled;
    private static Path snapshotFile;

    @BeforeAll
    static void compileGateAndWrite(@TempDir Path dir) {
        rules = dir.resolve("rules");
        TestRules.copyAll(rules);
        RuleBase built = new RuleBaseLoader(rules, "rules").load();
        CandidateCheck.Outcome outcome = GATE.check(built, rules);
        assertThat(outcome.passed()).isTrue();
        compiled = built.withScenarioCoverage(outcome.scenariosByRuleId());
        snapshotFile = dir.resolve(RuleSnapshot.FILE_NAME);
        RuleSnapshot.write(snapshotFile, "application-1", RuleSnapshot.directoryHash(rules), compiled);
    }

    @AfterAll
    static void dispose() {
        compiled.dispose();
    }

    @Test
    void readBackItIsTheSameRuleSetAndEveryScenarioFiresTheSameRules() throws IOException {
        RuleSnapshot snapshot = RuleSnapshot.readHeader(snapshotFile);
        assertThat(snapshot.application()).isEqualTo("application-1");
        RuleBase back = new RuleBaseLoader(rules, "rules").load(snapshot).orElseThrow();
        try {
            assertThat(back.container()).isNull();
            assertThat(back.rules()).isEqualTo(compiled.rules());
            assertThat(back.parameters()).isEqualTo(compiled.parameters());
            assertThat(back.version()).isEqualTo(compiled.version());
            // The gate's outcome comes with it, and is what the gate finds on the snapshot itself.
            assertThat(back.scenariosByRuleId()).isEqualTo(compiled.scenariosByRuleId()).isNotEmpty();
            CandidateCheck.Outcome again = GATE.check(back, rules);
            assertThat(again.failures()).isEmpty();
            assertThat(again.scenariosByRuleId()).isEqualTo(compiled.scenariosByRuleId());
            ScenarioRunner runner = new ScenarioRunner(Plans.reader(), Requests.JSON);
            List<ScenarioRunner.Scenario> scenarios = ScenarioRunner.scenarios(rules);
            assertThat(scenarios).hasSizeGreaterThan(100);
            for (ScenarioRunner.Scenario s : scenarios) {
                assertThat(runner.run(back, s).firedRuleIds()).as(s.name())
                        .isEqualTo(runner.run(compiled, s).firedRuleIds());
            }
        } finally {
            back.dispose();
        }
    }

    /** Any change to what the service reads, a scenario included, means the build's gate was not run on these files. */
    @Test
    void aChangeToAnyFileTheServiceReadsMakesItUnusable(@TempDir Path dir) throws IOException {
        RuleSnapshot snapshot = RuleSnapshot.readHeader(snapshotFile);
        for (String file : List.of("parameters.csv", "ketamine/contraindications.drl",
                "scenarios/iv_remitter_madrs_10/expected.json", "scenarios/bases/complete.json")) {
            Path copy = dir.resolve(file.replace('/', '_'));
            TestRules.copyAll(copy);
            Files.writeString(copy.resolve(file), Files.readString(copy.resolve(file)) + "\n");
            assertThat(new RuleBaseLoader(copy, "rules").load(snapshot)).as(file).isEmpty();
        }
        Path added = dir.resolve("added");
        TestRules.copyAll(added);
        Files.writeString(added.resolve("scenarios/tables/extra.csv"), "case,base,set,expect,fired,not_fired,why\n");
        assertThat(new RuleBaseLoader(added, "rules").load(snapshot)).isEmpty();
        // Documentation is not read (and a ConfigMap leaves it out): it does not matter. Nor does the copying.
        Path same = dir.resolve("same");
        TestRules.copyAll(same);
        Files.writeString(same.resolve("README.md"), "edited\n");
        Files.delete(same.resolve("scenarios/README.md"));
        assertThat(RuleSnapshot.directoryHash(same)).isEqualTo(snapshot.rules());
        assertThat(new RuleBaseLoader(same, "rules").load(snapshot)).isPresent().get()
                .satisfies(RuleBase::dispose);
    }

    @Test
    void aDamagedSnapshotIsRefusedNeverServed(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(snapshotFile);
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        RuleSnapshot header = RuleSnapshot.readHeader(truncated);
        assertThatThrownBy(() -> new RuleBaseLoader(rules, "rules").load(header))
                .isInstanceOf(RuleBaseException.class).hasMessageContaining("snapshot cannot be used");

        Path foreign = dir.resolve("foreign.bin");
        byte[] other = bytes.clone();
        other[3] = (byte) (other[3] ^ 0x20);
        Files.write(foreign, other);
        assertThatThrownBy(() -> RuleSnapshot.readHeader(foreign)).isInstanceOf(IOException.class);
    }

    /** The application it belongs to: its code, not the files written beside it afterwards. */
    @Test
    void theApplicationFingerprintFollowsTheCodeOnly(@TempDir Path app) throws IOException {
        Files.createDirectories(app.resolve("app"));
        Files.createDirectories(app.resolve("lib/main"));
        Files.createDirectories(app.resolve("quarkus"));
        Files.write(app.resolve("app/ketaplan.jar"), new byte[] {1, 2, 3});
        Files.write(app.resolve("lib/main/drools-10.2.0.jar"), new byte[] {4, 5});
        Files.write(app.resolve("quarkus/generated-bytecode.jar"), new byte[] {6});
        Files.write(app.resolve("quarkus-run.jar"), new byte[] {7});
        String before = RuleSnapshot.applicationFingerprint(app);

        Files.write(app.resolve(RuleSnapshot.FILE_NAME), new byte[] {8});
        Files.write(app.resolve("app-cds.jsa"), new byte[] {9});
        assertThat(RuleSnapshot.applicationFingerprint(app)).isEqualTo(before);

        Files.write(app.resolve("app/ketaplan.jar"), new byte[] {1, 2, 4});
        String codeChanged = RuleSnapshot.applicationFingerprint(app);
        assertThat(codeChanged).isNotEqualTo(before);
        Files.write(app.resolve("lib/main/drools-10.2.0.jar"), new byte[] {4, 5, 6});
        assertThat(RuleSnapshot.applicationFingerprint(app)).isNotEqualTo(codeChanged);
    }
}
