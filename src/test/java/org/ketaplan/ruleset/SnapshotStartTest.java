package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start from the build's snapshot serves the build's compiled rules once their scenarios pass here, before the
 * service is ready, and compiles nothing while it serves. A snapshot whose scenarios fail here is not served: the files
 * are compiled and gated as without a snapshot, and if those fail too the service does not start. The gate is a
 * stand-in that passes or fails on demand: what is tested is what the holder does with its verdict.
 */
class SnapshotStartTest {

    /** Judgements to fail, from the first; then it passes. */
    private final AtomicInteger failing = new AtomicInteger();
    private final AtomicInteger judged = new AtomicInteger();
    /** Run at the first judgement: an edit made while the snapshot's scenarios run. */
    private volatile Runnable duringFirstGate = () -> { };
    private final CandidateCheck gate = (candidate, dir) -> {
        if (judged.get() == 0) {
            duringFirstGate.run();
        }
        boolean fails = judged.incrementAndGet() <= failing.get();
        return new CandidateCheck.Outcome(fails
                ? List.of(new CandidateCheck.Failure("some_scenario", List.of("triage: expected EMERGENCY")))
                : List.of(), Map.of());
    };

    @Test
    void theSnapshotServesOnceItsScenariosPassHere(@TempDir Path dir) throws Exception {
        RuleBaseHolder holder = fromSnapshot(dir, dir.resolve("snapshot.bin"), "this-application");
        try {
            holder.onStart(null);
            assertThat(judged).as("gated here before start-up ends").hasValue(1);
            assertThat(holder.current().container()).as("the build's compiled rules, not compiled again").isNull();
            Thread.sleep(500);
            assertThat(judged).as("nothing more is built or gated in the background").hasValue(1);
        } finally {
            holder.onStop(null);
        }
    }

    @Test
    void aSnapshotFailingHereGivesWayToTheCompiledRules(@TempDir Path dir) throws Exception {
        failing.set(1);
        RuleBaseHolder holder = fromSnapshot(dir, dir.resolve("snapshot.bin"), "this-application");
        try {
            holder.onStart(null);
            assertThat(judged).hasValue(2);
            assertThat(holder.current().container()).as("compiled here").isNotNull();
        } finally {
            holder.onStop(null);
        }
    }

    /** A ConfigMap updated during a roll-out: nothing watched the files yet, so start-up looks once more. */
    @Test
    void rulesChangedWhileTheSnapshotWasGatedAreReloaded(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("rules/scenarios/tables/corrections.csv");
        duringFirstGate = () -> {
            try {
                java.nio.file.Files.writeString(table, java.nio.file.Files.readString(table) + "# edited during start-up\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        RuleBaseHolder holder = fromSnapshot(dir, dir.resolve("snapshot.bin"), "this-application");
        try {
            holder.onStart(null);
            long deadline = System.currentTimeMillis() + 120_000;
            while (holder.current().container() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(holder.current().container()).as("the edited files, compiled and gated").isNotNull();
            assertThat(judged).hasValue(2);
        } finally {
            holder.onStop(null);
        }
    }

    @Test
    void whenTheCompiledRulesFailTooTheServiceDoesNotStart(@TempDir Path dir) {
        failing.set(2);
        RuleBaseHolder holder = fromSnapshot(dir, dir.resolve("snapshot.bin"), "this-application");
        try {
            assertThatThrownBy(() -> holder.onStart(null)).isInstanceOf(RuleBaseHolder.ScenarioGateException.class)
                    .hasMessageContaining("some_scenario");
        } finally {
            holder.onStop(null);
        }
    }

    /** Another application's snapshot is never read: the rules are compiled and gated as without one. */
    @Test
    void aSnapshotOfAnotherApplicationIsNotUsed(@TempDir Path dir) throws Exception {
        RuleBaseHolder holder = fromSnapshot(dir, dir.resolve("snapshot.bin"), "another-build");
        try {
            holder.onStart(null);
            assertThat(holder.current().container()).isNotNull();
            assertThat(judged).hasValue(1);
        } finally {
            holder.onStop(null);
        }
    }

    /**
     * A holder on a copy of the rules in {@code work}/rules, with a snapshot of them written to {@code snapshot} by
     * "this-application", and the holder believing it runs {@code application}.
     */
    private RuleBaseHolder fromSnapshot(Path work, Path snapshot, String application) {
        Path rules = work.resolve("rules");
        TestRules.copyAll(rules);
        RuleBase built = new RuleBaseLoader(rules, "rules").load();
        RuleSnapshot.write(snapshot, "this-application", RuleSnapshot.directoryHash(rules), built);
        built.dispose();
        RuleBaseHolder holder = new RuleBaseHolder(HolderFixtures.config(rules.toString(), snapshot.toString()),
                new HolderFixtures.Checks(gate));
        holder.applicationFingerprint = () -> Optional.of(application);
        return holder;
    }
}
