package org.ketaplan.ruleset;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Holds the active rule set and replaces it only with a better one. At start-up the rules directory must
 * compile, verify and pass every scenario, or the service does not start: serving advice without its
 * safety rules is worse than not serving. Later reloads (file watcher or {@code POST /api/v1/rules/reload})
 * build a candidate off the request path and swap it in atomically only if it passes the same checks;
 * otherwise the last good rule set keeps serving and the rejection is kept for {@code GET /api/v1/rules}.
 * A request reads the active rule set once and finishes on it, whatever happens meanwhile.
 */
@ApplicationScoped
public class RuleBaseHolder {

    private static final Logger LOG = Logger.getLogger(RuleBaseHolder.class);
    /**
     * Old rule sets stay usable this long after a swap, for requests that started on them (milliseconds each). Not
     * longer: each holds its compiled classes and pooled sessions, and a burst of ten reloads under load kept eleven
     * alive for a minute, more than a 256 MiB heap holds (docs/performance.md, "Memory").
     */
    private static final long RETIRE_AFTER_SECONDS = 15;
    /** One build leaves the first real reload still half cold (docs/performance.md, "Reload"). */
    private static final int WARM_UP_BUILDS = 3;

    private final String rulesDir;
    private final boolean watch;
    private final long debounceMillis;
    private final Instance<CandidateCheck> checks;
    private final String snapshotSetting;
    private final boolean warmUp;
    /** One swap at a time. */
    private final Object swap = new Object();
    /** The preload is a few hundred milliseconds of work; a minute means something is wrong: compile instead. */
    private static final long PRELOAD_WAIT_SECONDS = 60;
    /** Tests set these; see onStart and matchingSnapshot. */
    java.util.function.Supplier<java.util.Optional<String>> applicationFingerprint =
            () -> RuleSnapshot.applicationDirectory().map(RuleSnapshot::applicationFingerprint);
    /** The SHA-256 of the rules directory as start-up found it (RuleSnapshot.directoryHash). */
    private volatile String startedFrom;
    private final AtomicReference<RuleBase> active = new AtomicReference<>();
    private final AtomicReference<Rejection> lastRejection = new AtomicReference<>();
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rules-reload");
        t.setDaemon(true);
        // Drools finds its services through the context class loader, which a bare thread lacks.
        t.setContextClassLoader(RuleBaseHolder.class.getClassLoader());
        return t;
    });
    private volatile ScheduledFuture<?> pending;
    /** Reload coalescing: the run in progress and the one run that every request arriving meanwhile shares. */
    private final Object queue = new Object();
    private CompletableFuture<ReloadOutcome> running;
    private CompletableFuture<ReloadOutcome> next;
    private final java.util.concurrent.atomic.AtomicInteger building = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong reloadsRun = new java.util.concurrent.atomic.AtomicLong();
    private WatchService watcher;

    /** What a candidate would change (the impact report); unsatisfied where a test builds a holder without CDI. */
    @jakarta.inject.Inject
    Instance<Impact.Analysis> impacts;
    private final AtomicReference<CandidateReport> lastCandidate = new AtomicReference<>();
    /** Impact replays run here, one at a time and below the plans' priority: they must never slow a plan. */
    private final java.util.concurrent.ExecutorService impactRunner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rules-impact");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.setContextClassLoader(RuleBaseHolder.class.getClassLoader());
        return t;
    });
    /** One candidate check at a time: each costs a build, the gate and the replays. */
    private final java.util.concurrent.Semaphore checking = new java.util.concurrent.Semaphore(1);
    /** The check running now, if any: a retired rule set it compares against is disposed only once it is done. */
    private volatile CompletableFuture<Void> checkRunning = CompletableFuture.completedFuture(null);

    /**
     * The last candidate judged, by a reload or by a check that does not activate it: its version, when, what asked,
     * the gate's verdict and, once replayed, its impact over the rule set it was compared with.
     */
    public record CandidateReport(String version, Instant judgedAt, String trigger, String caller, boolean activated,
                                  boolean accepted, Rejection rejection, Impact impact, boolean impactPending) {
    }

    /** Observed by the audit record; null where a test builds a holder without CDI. */
    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<RuleSetReloaded> reloaded;

    public RuleBaseHolder(RulesConfig config, Instance<CandidateCheck> checks) {
        this.rulesDir = config.dir();
        this.watch = config.watch();
        this.debounceMillis = config.watchDebounceMs();
        this.checks = checks;
        this.snapshotSetting = config.snapshot();
        this.warmUp = config.warmUp();
    }

    void onStart(@Observes StartupEvent event) {
        long start = System.nanoTime();
        RuleSnapshot snapshot = matchingSnapshot();
        RuleBase loaded = snapshot == null ? null : fromSnapshot(snapshot);
        if (loaded != null) {
            loaded = gatedHere(loaded);
        }
        if (loaded == null) {
            try {
                startedFrom = directoryHashOrNull();
                loaded = buildAndGate("start-up");
            } catch (RuleBaseException e) {
                LOG.error("The rules cannot serve:");
                logLines(e.getMessage());
                throw e;
            }
        } else {
            startedFrom = snapshot.rules();
        }
        active.set(loaded);
        boolean fromSnapshot = loaded.container() == null;
        LOG.infof("Rule set %s loaded from %s%s: %d rules in %d ms", loaded.version(), rulesDir,
                fromSnapshot ? " with the build's snapshot (compiled and gated by the build, its scenarios passed here)"
                        : "", loaded.rules().size(), (System.nanoTime() - start) / 1_000_000);
        if (watch) {
            startWatching();
        }
        if (fromSnapshot) {
            reloadIfChangedDuringStartUp();
        }
        // A reload through the endpoint is as cold as one from the watcher: warm the compiler's path. Not after a
        // start from the snapshot: those builds would take the cores from the first plans of a new replica, for a
        // lead's first reload to be a second or two quicker (docs/performance.md, "Start-up").
        if (warmUp && !fromSnapshot) {
            reloader.schedule(() -> warmUp(WARM_UP_BUILDS), 0, TimeUnit.SECONDS);
        } else if (warmUp) {
            LOG.info("Reload path not warmed up after a start from the build's snapshot: the first reload compiles cold");
        }
    }

    /**
     * The files may have changed while the snapshot's scenarios ran, before anything watched them (a ConfigMap updated
     * during a roll-out): the rules then reload as an edit would, or this replica would serve the old ones for good.
     */
    private void reloadIfChangedDuringStartUp() {
        String now = directoryHashOrNull();
        if (now != null && !now.equals(startedFrom)) {
            LOG.info("The rules changed during start-up; reloading them");
            reloader.schedule(() -> reload("changed during start-up"), 0, TimeUnit.SECONDS);
        }
    }

    /**
     * The build compiled and gated exactly these rules with this application on this Java release (the snapshot's
     * fingerprint and the rules' hashes say so). Its scenarios run here once more, on the rule set about to serve and
     * before the service is ready, so that what a fingerprint cannot see (this JVM's patch release, the machine's time
     * zone or locale) is judged as well; running them is also the engine's warm-up for the first plans. Nothing is
     * compiled again: nothing takes the cores from plans once they arrive. Null (compile and gate the files instead,
     * which says which file or scenario is wrong) when a scenario fails here.
     */
    private RuleBase gatedHere(RuleBase fromSnapshot) {
        long start = System.nanoTime();
        try {
            RuleBase gated = gate(fromSnapshot, Path.of(rulesDir), "start-up");
            LOG.infof("The build's snapshot passed every scenario here in %d ms", (System.nanoTime() - start) / 1_000_000);
            return gated;
        } catch (ScenarioGateException e) {
            LOG.warnf("The build's snapshot fails %d scenario(s) on this machine; compiling the rules instead",
                    e.failures().size());
            return null;
        } catch (RuntimeException e) {
            LOG.warnf("The build's snapshot could not be gated on this machine (%s); compiling the rules instead",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** Only the snapshot command needs it (startedFrom): a directory it cannot hash is not a reason to stop. */
    private String directoryHashOrNull() {
        try {
            return Files.isDirectory(Path.of(rulesDir)) ? RuleSnapshot.directoryHash(Path.of(rulesDir)) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The build's snapshot, if there is one and the same application made it; null otherwise (compile as usual). */
    private RuleSnapshot matchingSnapshot() {
        var preloaded = RuleSnapshot.takePreloaded();
        java.util.Optional<Path> file = RuleSnapshot.locate(snapshotSetting);
        if (file.isEmpty()) {
            return null;
        }
        if (checks.isUnsatisfied()) {
            // Without a gate nothing serves; compiling says so (gate()).
            return null;
        }
        if (file.get().toAbsolutePath().normalize().startsWith(Path.of(rulesDir).toAbsolutePath().normalize())) {
            // Java serialisation is as trusted as the jars: never from where leads write.
            LOG.warnf("A rule snapshot is never read from the rules directory (%s); compiling the rules", file.get());
            return null;
        }
        try {
            RuleSnapshot snapshot;
            if ("auto".equals(snapshotSetting) && preloaded.isPresent()) {
                // Read on its own thread while the framework booted; bounded, so that start-up never hangs on it.
                snapshot = preloaded.get().get(PRELOAD_WAIT_SECONDS, TimeUnit.SECONDS);
            } else {
                snapshot = RuleSnapshot.readHeader(file.get());
                java.util.Optional<String> application = applicationFingerprint.get();
                if (application.isEmpty() || !application.get().equals(snapshot.application())) {
                    snapshot = null;
                }
            }
            if (snapshot == null) {
                LOG.infof("The rule snapshot %s was made by another build of the application; compiling the rules",
                        file.get());
            }
            return snapshot;
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warnf("The rule snapshot %s cannot be read (%s); compiling the rules", file.get(),
                    cause.getClass().getSimpleName());
            return null;
        }
    }

    private RuleBase fromSnapshot(RuleSnapshot snapshot) {
        try {
            RuleBase loaded = new RuleBaseLoader(Path.of(rulesDir), rulesDir).load(snapshot).orElse(null);
            if (loaded == null) {
                LOG.infof("The rules in %s differ from the ones the build compiled; compiling them", rulesDir);
            }
            return loaded;
        } catch (RuntimeException e) {
            // Also a rule set the build accepted that no longer verifies here: compiling reports why, with its file.
            LOG.warnf("The build's rule snapshot cannot be used (%s); compiling the rules", e.getClass().getSimpleName());
            return null;
        }
    }

    /** The audit record and the rule-set metric hear of it as of a reload. */
    private void announce(String trigger, ReloadOutcome outcome) {
        if (reloaded != null) {
            reloaded.fire(new RuleSetReloaded(trigger, "system", outcome));
        }
    }

    /** Disposed once requests that started on it are done and nothing that compares against it still runs. */
    private void retire(RuleBase old, CompletableFuture<Void> replayed) {
        reloader.schedule(() -> CompletableFuture.allOf(replayed, checkRunning)
                .whenComplete((v, e) -> old.dispose()), RETIRE_AFTER_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The first build in a JVM is several times slower than later ones (class loading, JIT; docs/performance.md).
     * Doing them in the background right after start-up keeps a lead's first reload from paying
     * for it; the rule set it builds is thrown away.
     */
    private void warmUp(int builds) {
        long start = System.nanoTime();
        building.incrementAndGet();
        try {
            for (int i = 0; i < builds; i++) {
                buildAndGate("warm-up").dispose();
            }
            LOG.infof("Reload path warmed up in %d ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.debug("Warm-up build failed; the next reload will report why", e);
        } finally {
            building.decrementAndGet();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        reloader.shutdownNow();
        impactRunner.shutdownNow();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("closing the rules watcher", e);
            }
        }
    }

    public RuleBase current() {
        RuleBase rb = active.get();
        if (rb == null) {
            throw new IllegalStateException("rule set not loaded yet");
        }
        return rb;
    }


    /** Reload builds run so far (not counting start-up and warm-up): coalesced requests share one. */
    public long reloadsRun() {
        return reloadsRun.get();
    }

    public Rejection lastRejection() {
        return lastRejection.get();
    }

    public CandidateReport lastCandidate() {
        return lastCandidate.get();
    }

    /** Thrown when a check is asked for while another runs. */
    public static final class CheckBusyException extends RuntimeException {
        CheckBusyException() {
            super("a candidate check is already running");
        }
    }

    /**
     * Judges the rules in {@code dir} as a reload would (compile, metadata, every scenario) and replays what they
     * would change, without activating them. Runs on the caller's thread; one check at a time.
     */
    public CandidateReport check(Path dir, String caller) {
        if (!checking.tryAcquire()) {
            throw new CheckBusyException();
        }
        String trigger = "check";
        CompletableFuture<Void> done = new CompletableFuture<>();
        checkRunning = done;
        try {
            RuleBase candidate;
            try {
                candidate = gate(new RuleBaseLoader(dir, "rules").load(), dir, trigger);
            } catch (ScenarioGateException g) {
                return remember(new CandidateReport(null, Instant.now(), trigger, caller, false, false,
                        new Rejection(Instant.now(), trigger, List.of(), g.failures()), null, false));
            } catch (RuleBaseException e) {
                return remember(new CandidateReport(null, Instant.now(), trigger, caller, false, false,
                        new Rejection(Instant.now(), trigger, e.problems(), List.of()), null, false));
            }
            try {
                Impact impact = impacts != null && impacts.isResolvable()
                        ? impacts.get().compare(current(), candidate, dir) : null;
                return remember(new CandidateReport(candidate.version(), Instant.now(), trigger, caller, false, true,
                        null, impact, false));
            } finally {
                candidate.dispose();
            }
        } finally {
            done.complete(null);
            checking.release();
        }
    }

    private CandidateReport remember(CandidateReport report) {
        lastCandidate.set(report);
        return report;
    }


    /** The SHA-256 of the rules directory as start-up read it, before compiling it. */
    public String startedFrom() {
        return startedFrom;
    }

    public String rulesDir() {
        return rulesDir;
    }

    public boolean watching() {
        return watcher != null;
    }

    /**
     * True while a candidate is being built or a file change is waiting to be built. Never waits for a build:
     * it answers GET /api/v1/rules, which once stood seconds behind a reload holding this object's lock.
     */
    public boolean reloading() {
        ScheduledFuture<?> p = pending;
        return building.get() > 0 || (p != null && !p.isDone());
    }

    /**
     * Builds, verifies and gates a candidate; swaps it in only if all of that passes. Never throws.
     * Requests that arrive while a reload runs share the one run after it (which reads the files as they are
     * then), so five requests in a row cost two builds, not five, and each caller still sees its edit judged.
     */
    public ReloadOutcome reload(String trigger) {
        return reload(trigger, trigger);
    }

    /**
     * The same, asked by a named caller: each caller's request is recorded with the outcome it was given, also when
     * it shared a run with others.
     */
    public ReloadOutcome reload(String trigger, String caller) {
        CompletableFuture<ReloadOutcome> mine;
        boolean run = false;
        synchronized (queue) {
            if (running == null) {
                running = new CompletableFuture<>();
                mine = running;
                run = true;
            } else {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                mine = next;
            }
        }
        if (run) {
            runQueued(mine, trigger);
        }
        ReloadOutcome outcome = mine.join();
        if (reloaded != null) {
            reloaded.fire(new RuleSetReloaded(trigger, caller, outcome));
        }
        return outcome;
    }

    private void runQueued(CompletableFuture<ReloadOutcome> first, String trigger) {
        CompletableFuture<ReloadOutcome> current = first;
        while (current != null) {
            building.incrementAndGet();
            reloadsRun.incrementAndGet();
            try {
                current.complete(doReload(trigger));
            } catch (RuntimeException e) {
                current.completeExceptionally(e);
            } finally {
                building.decrementAndGet();
            }
            synchronized (queue) {
                running = next;
                next = null;
                current = running;
            }
        }
    }

    private ReloadOutcome doReload(String trigger) {
        long start = System.nanoTime();
        RuleBase candidate;
        try {
            candidate = buildAndGate(trigger);
        } catch (RuleBaseException e) {
            Rejection r = e instanceof ScenarioGateException g
                    ? new Rejection(Instant.now(), trigger, List.of(), g.failures())
                    : new Rejection(Instant.now(), trigger, e.problems(), List.of());
            lastRejection.set(r);
            remember(new CandidateReport(null, Instant.now(), trigger, null, false, false, r, null, false));
            LOG.errorf("Rules reload (%s) rejected; rule set %s keeps serving:", trigger, active.get().version());
            logLines(e.getMessage());
            return new ReloadOutcome(false, active.get().version(), r);
        } catch (RuntimeException e) {
            Rejection r = new Rejection(Instant.now(), trigger,
                    List.of(new RuleProblem(rulesDir, 0, "unexpected failure: " + e)), List.of());
            lastRejection.set(r);
            LOG.error("Rules reload failed unexpectedly; the active rule set keeps serving", e);
            return new ReloadOutcome(false, active.get().version(), r);
        }
        RuleBase old;
        synchronized (swap) {
            old = active.getAndSet(candidate);
        }
        LOG.infof("Rules reload (%s): rule set %s replaces %s (%d rules, %d ms)", trigger, candidate.version(),
                old == null ? "none" : old.version(), candidate.rules().size(), (System.nanoTime() - start) / 1_000_000);
        CompletableFuture<Void> replayed = old == null ? CompletableFuture.completedFuture(null) : replay(old, candidate, trigger);
        if (old != null && old.kieBase() != candidate.kieBase()) {
            retire(old, replayed);
        }
        return new ReloadOutcome(true, candidate.version(), null);
    }

    /** What the swap just made changes, replayed in the background; the report is there once it is done. */
    private CompletableFuture<Void> replay(RuleBase old, RuleBase candidate, String trigger) {
        if (impacts == null || !impacts.isResolvable()) {
            return CompletableFuture.completedFuture(null);
        }
        remember(new CandidateReport(candidate.version(), Instant.now(), trigger, null, true, true, null, null, true));
        return CompletableFuture.runAsync(() -> {
            // A later reload replaced this one before its turn came: its report would be stale, and replaying it
            // would keep one more retired rule set alive through a burst of saves.
            Impact impact = null;
            if (active.get() == candidate) {
                try {
                    impact = impacts.get().compare(old, candidate, Path.of(rulesDir));
                } catch (RuntimeException e) {
                    LOG.warnf("Impact replay of rule set %s failed (%s)", candidate.version(),
                            e.getClass().getSimpleName());
                }
            }
            Impact result = impact;
            lastCandidate.updateAndGet(r -> r != null && candidate.version().equals(r.version()) && r.impactPending()
                    ? new CandidateReport(r.version(), r.judgedAt(), r.trigger(), r.caller(), true, true, null,
                            result, false) : r);
        }, impactRunner);
    }

    /** Logs the two halves separately: they are what a lead waits for after saving a file. */
    private RuleBase buildAndGate(String trigger) {
        long start = System.nanoTime();
        RuleBase candidate = build();
        long compiled = System.nanoTime();
        RuleBase gated = gate(candidate, Path.of(rulesDir), trigger);
        LOG.debugf("Rules (%s): compiled in %d ms, scenarios passed in %d ms", trigger,
                (compiled - start) / 1_000_000, (System.nanoTime() - compiled) / 1_000_000);
        return gated;
    }

    private RuleBase build() {
        return new RuleBaseLoader(Path.of(rulesDir), rulesDir).load();
    }

    /** The gate is mandatory: a build without a scenario check installed must not serve, not even at start-up. */
    private RuleBase gate(RuleBase candidate, Path dir, String trigger) {
        if (checks.isUnsatisfied()) {
            candidate.dispose();
            throw new RuleBaseException(List.of(new RuleProblem(rulesDir, 0,
                    "no scenario gate is installed: a rule set is never served without its scenarios passing")));
        }
        CandidateCheck.Outcome outcome;
        try {
            outcome = checks.get().check(candidate, dir);
        } catch (RuntimeException | Error e) {
            // A scenario that throws (a rule failure) fails the gate too, and the candidate is never kept.
            candidate.dispose();
            throw e;
        }
        if (!outcome.passed()) {
            candidate.dispose();
            throw new ScenarioGateException(rulesDir, outcome.failures());
        }
        return candidate.withScenarioCoverage(outcome.scenariosByRuleId());
    }

    private void startWatching() {
        try {
            watcher = FileSystems.getDefault().newWatchService();
            registerAll();
        } catch (IOException e) {
            LOG.errorf("Cannot watch %s for rule changes (%s); use POST /api/v1/rules/reload", rulesDir, e);
            return;
        }
        Thread t = new Thread(this::watchLoop, "rules-watch");
        t.setDaemon(true);
        t.start();
        LOG.infof("Watching %s for rule changes", rulesDir);
    }

    private void registerAll() throws IOException {
        try (Stream<Path> dirs = Files.walk(Path.of(rulesDir))) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents();
                key.reset();
                scheduleReload();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // shutting down
        }
    }

    /** Editors write a file in several steps; wait until the directory is quiet before building. */
    private synchronized void scheduleReload() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = reloader.schedule(() -> {
            try {
                registerAll();
                reload("file change");
            } catch (IOException e) {
                LOG.debug("re-registering rule directories", e);
            } catch (Throwable e) {
                // A scheduled task's exception would vanish silently; the active rules keep serving.
                LOG.error("Rules reload after a file change failed", e);
            }
        }, debounceMillis, TimeUnit.MILLISECONDS);
    }

    /** A candidate that compiles but fails a clinical scenario. */
    static final class ScenarioGateException extends RuleBaseException {
        private final transient List<CandidateCheck.Failure> failures;

        ScenarioGateException(String rulesDir, List<CandidateCheck.Failure> failures) {
            super(failures.stream().map(f -> new RuleProblem(rulesDir + "/scenarios/" + f.scenario(), 0,
                    "scenario failed: " + String.join("; ", f.differences()))).toList());
            this.failures = List.copyOf(failures);
        }

        List<CandidateCheck.Failure> failures() {
            return failures;
        }
    }

    /** The most a rejection writes to the log; the whole of it is in GET :9000/api/v1/rules. */
    static final int MAX_LOGGED_LINES = 40;

    /**
     * A rejection's problems, one log line each: the log filter escapes a line break inside a message (so that client
     * text cannot forge a line), which turned a multi-line rejection into one line of literal "\n".
     */
    private static void logLines(String message) {
        String[] lines = message == null ? new String[0] : message.split("\\R");
        for (int i = 0; i < Math.min(lines.length, MAX_LOGGED_LINES); i++) {
            if (!lines[i].isBlank()) {
                LOG.error("  " + lines[i].strip());
            }
        }
        if (lines.length > MAX_LOGGED_LINES) {
            LOG.errorf("  ... and %d more lines (GET :9000/api/v1/rules, lastRejected)", lines.length - MAX_LOGGED_LINES);
        }
    }
}
