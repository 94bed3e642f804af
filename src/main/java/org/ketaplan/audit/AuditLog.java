package org.ketaplan.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.ruleset.RuleSetReloaded;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Takes what is to be recorded and writes it from one thread of its own, so that writing never slows or fails a
 * plan: a record that finds the queue full (by count or by request bytes) is dropped and counted
 * ({@code ketaplan_audit_dropped_total}), one the database refuses is counted as failed; neither reaches the
 * caller. The log names only counts and the database's error class, never a record's content.
 */
@ApplicationScoped
public class AuditLog {

    public enum Channel { API, FHIR, CDS_HOOKS }

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int BATCH = 100;
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private sealed interface Entry permits PlanEntry, ReloadEntry, FeedbackEntry {
        long bytes();
    }

    /** {@code planJson}: the plan as already serialised for the caller, or null to serialise it here. */
    private record PlanEntry(Instant at, Channel channel, String caller, byte[] request, TreatmentPlan plan,
                             byte[] planJson) implements Entry {
        public long bytes() {
            return request.length + (planJson == null ? 0 : planJson.length);
        }
    }

    private record ReloadEntry(AuditStore.ReloadRow row) implements Entry {
        public long bytes() {
            return 0;
        }
    }

    private record FeedbackEntry(AuditStore.FeedbackRow row) implements Entry {
        public long bytes() {
            return 0;
        }
    }

    private final AuditStore store;
    private final AuditConfig config;
    private final ObjectMapper json;
    private final BlockingQueue<Entry> queue;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Counter dropped;
    private final Counter failed;
    private final Counter written;
    private volatile Thread writer;
    private volatile boolean stopping;
    private Instant lastPurge = Instant.EPOCH;

    public AuditLog(AuditStore store, AuditConfig config, ObjectMapper json, MeterRegistry registry) {
        this.store = store;
        this.config = config;
        this.json = json;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity()));
        this.dropped = Counter.builder("ketaplan.audit.dropped").description("records dropped: the queue was full")
                .register(registry);
        this.failed = Counter.builder("ketaplan.audit.failed").description("records the database refused")
                .register(registry);
        this.written = Counter.builder("ketaplan.audit.written").description("records written").register(registry);
        registry.gauge("ketaplan.audit.backlog", queue, BlockingQueue::size);
    }

    void onStart(@Observes StartupEvent event) {
        Thread t = new Thread(this::drain, "ketaplan-audit-writer");
        t.setDaemon(true);
        writer = t;
        t.start();
        LOG.infof("Audit record on %s (content kept: %s, retention %d days)", store.database().orElse("no database"),
                config.keepContent(), config.retentionDays());
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        Thread t = writer;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records a plan given; never blocks, never throws. */
    public void plan(Channel channel, String caller, byte[] request, TreatmentPlan plan) {
        offer(new PlanEntry(Instant.now(), channel, caller, request, plan, null));
    }

    /** The same, with the plan's JSON as the caller already wrote it (no second serialisation). */
    public void plan(Channel channel, String caller, byte[] request, TreatmentPlan plan, byte[] planJson) {
        offer(new PlanEntry(Instant.now(), channel, caller, request, plan, planJson));
    }

    /**
     * The caller as the record names it: the signed-in user's name (OpenID Connect subject or local user), or
     * "anonymous" where a route lets callers in unnamed. Capped at the column's width.
     */
    public static String callerOf(java.security.Principal principal) {
        String name = principal == null || principal.getName() == null || principal.getName().isBlank()
                ? "anonymous" : principal.getName();
        return name.length() > 300 ? name.substring(0, 300) : name;
    }

    /**
     * Records a clinician's answer to a recommendation (an EHR's card feedback, or the page's); never blocks, never
     * throws. {@code ruleId} null: the answer is about the whole plan; {@code reason}: an override reason's code.
     */
    public void feedback(String caller, String service, String card, String outcome, String planId, String ruleId,
                         String reason) {
        offer(new FeedbackEntry(new AuditStore.FeedbackRow(Instant.now(), caller, service, card, outcome, planId,
                ruleId, reason)));
    }

    void onReload(@Observes RuleSetReloaded reload) {
        var outcome = reload.outcome();
        String reason = outcome.rejection() == null ? null : reason(outcome.rejection());
        offer(new ReloadEntry(new AuditStore.ReloadRow(Instant.now(), reload.caller(), outcome.activeVersion(),
                outcome.accepted(), reason)));
    }

    /**
     * Waits until everything queued before the call is written (or failed to be): by count, since the writer takes an
     * entry off the queue before it writes it; false on timeout.
     */
    public boolean flush(Duration timeout) {
        long target = enqueued.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (done.get() < target && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return done.get() >= target;
    }

    /** Entries accepted into the queue, and entries the writer has finished with; one writer, in queue order. */
    private final java.util.concurrent.atomic.AtomicLong enqueued = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();

    private void offer(Entry entry) {
        try {
            // Counted before it is queued, so that the writer can never finish it before it counts.
            enqueued.incrementAndGet();
            if (queuedBytes.addAndGet(entry.bytes()) > config.queueBytes().asLongValue() || !queue.offer(entry)) {
                queuedBytes.addAndGet(-entry.bytes());
                enqueued.decrementAndGet();
                dropped.increment();
            }
        } catch (RuntimeException e) {
            dropped.increment();
        }
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>(BATCH);
        while (!stopping || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    purgeWhenDue();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                purgeWhenDue();
            } catch (InterruptedException e) {
                if (!stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                batch.forEach(e -> queuedBytes.addAndGet(-e.bytes()));
                done.addAndGet(batch.size());
                batch.clear();
            }
        }
    }

    private void write(List<Entry> batch) {
        List<AuditStore.PlanRow> plans = new ArrayList<>();
        for (Entry e : batch) {
            try {
                if (e instanceof PlanEntry p) {
                    plans.add(row(p));
                } else if (e instanceof ReloadEntry r) {
                    store.insertReload(r.row());
                    written.increment();
                } else if (e instanceof FeedbackEntry f) {
                    store.insertFeedback(f.row());
                    written.increment();
                }
            } catch (Exception ex) {
                failed.increment();
                LOG.warnf("Audit record not written (%s)", ex.getClass().getSimpleName());
            }
        }
        if (!plans.isEmpty()) {
            try {
                store.insertPlans(plans);
                written.increment(plans.size());
            } catch (Exception ex) {
                failed.increment(plans.size());
                LOG.warnf("%d plan audit records not written (%s)", plans.size(), ex.getClass().getSimpleName());
            }
        }
    }

    private AuditStore.PlanRow row(PlanEntry p) throws Exception {
        TreatmentPlan plan = p.plan();
        String ruleIds = String.join(",", plan.rationale().stream().map(TreatmentPlan.RationaleItem::ruleId)
                .distinct().sorted().toList());
        boolean keep = config.keepContent();
        return new AuditStore.PlanRow(plan.planId(), p.at(), p.caller(), p.channel().name(), plan.ruleset().version(),
                sha256(p.request()), ruleIds, plan.triage().name(), plan.eligibility().name(),
                plan.series() == null || plan.series().type() == null ? null : plan.series().type().name(),
                keep ? new String(p.request(), StandardCharsets.UTF_8) : null,
                !keep ? null : p.planJson() != null ? new String(p.planJson(), StandardCharsets.UTF_8)
                        : json.writeValueAsString(plan));
    }

    private void purgeWhenDue() {
        Instant now = Instant.now();
        if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) < 0) {
            return;
        }
        lastPurge = now;
        try {
            // Expired drafts and token ids too, also when no one writes new ones (SharedState purges on writes).
            store.purgeExpired(now);
            int n = store.purge(now.minus(Duration.ofDays(config.retentionDays())));
            if (n > 0) {
                LOG.infof("Audit: %d records older than %d days deleted", n, config.retentionDays());
            }
        } catch (Exception e) {
            LOG.warnf("Audit purge failed (%s)", e.getClass().getSimpleName());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(org.ketaplan.ruleset.Rejection r) {
        List<String> parts = new ArrayList<>();
        r.problems().forEach(p -> parts.add(String.valueOf(p)));
        r.scenarioFailures().forEach(f -> parts.add(String.valueOf(f)));
        String text = String.join("; ", parts);
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }
}
