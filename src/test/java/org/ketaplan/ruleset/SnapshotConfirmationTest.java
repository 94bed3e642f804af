package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start from the build's snapshot serves at once, then the holder compiles and gates the same rules itself: if that
 * fails, no plan is served until a reload passes; if it passes, its rule set takes over. The gate here is a stand-in
 * that passes or fails on demand: what is tested is what the holder does with its verdict.
 */
class SnapshotConfirmationTest {

    private final AtomicBoolean passes = new AtomicBoolean();
    private final AtomicInteger judged = new AtomicInteger();
    private final CandidateCheck gate = (candidate, dir) -> {
        judged.incrementAndGet();
        return new CandidateCheck.Outcome(passes.get() ? List.of()
                : List.of(new CandidateCheck.Failure("some_scenario", List.of("triage: expected EMERGENCY"))), Map.of());
    };

    @Test
    void rulesThatFailTheirConfirmationStopPlansUntilAReloadPasses(@TempDir Path dir) throws Exception {
        RuleBaseHolder holder = fromSnapshot(dir, dir.resolve("snapshot.bin"), "this-application");
        try {
            holder.onStart(null);
            assertThat(judged).as("served at once, on the build's verdict").hasValue(0);
            waitUntil(() -> holder.unavailableReason() != null);
            assertThatThrownBy(holder::current).isInstanceOf(RuleBaseHolder.Unavailable.class);
            assertThat(holder.lastRejection().trigger()).isEqualTo("start-up confirmation");
            assertThat(holder.lastRejection().scenarioFailures()).extracting(CandidateCheck.Failure::scenario)
                    .containsExactly("some_scenario");

            passes.set(true);
            assertThat(holder.reload("test").accepted()).isTrue();
            assertThat(holder.unavailableReason()).isNull();
            assertThat(holder.current().container()).as("compiled here").isNotNull();
        } finally {
            holder.onStop(null);
        }
    }

    @Test
    void confirmedRulesReplaceTheSnapshots(@TempDir Path dir) throws Exception {
        passes.set(true);
        RuleBaseHolder holder = fromSnapshot(dir, dir.resolve("snapshot.bin"), "this-application");
        try {
            holder.onStart(null);
            RuleBase served = holder.current();
            assertThat(served.container()).isNull();
            waitUntil(() -> holder.current() != served);
            assertThat(holder.current().container()).isNotNull();
            assertThat(holder.current().version()).isEqualTo(served.version());
            assertThat(judged).hasValue(1);
            assertThat(holder.unavailableReason()).isNull();
        } finally {
            holder.onStop(null);
        }
    }

    /** Another application's snapshot is never read: the rules are compiled and gated as without one. */
    @Test
    void aSnapshotOfAnotherApplicationIsNotUsed(@TempDir Path dir) throws Exception {
        passes.set(true);
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
        holder.backgroundAfterSnapshotSeconds = 0;
        return holder;
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition not met within 120 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
