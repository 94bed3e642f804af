package org.ketaplan.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.ketaplan.plan.TreatmentPlan;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Writing the record never slows or fails a plan: a stalled or failing database costs records, counted. */
class AuditLogTest {

    record Config(boolean keepContent, int retentionDays, int queueCapacity, long bytes) implements AuditConfig {
        @Override
        public io.quarkus.runtime.configuration.MemorySize queueBytes() {
            return new io.quarkus.runtime.configuration.MemorySize(java.math.BigInteger.valueOf(bytes));
        }
    }

    /** A database that hangs until released, then refuses every write. */
    static final class StalledStore extends AuditStore {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        void insertPlans(List<PlanRow> rows) throws SQLException {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("refused");
        }

        @Override
        int purge(java.time.Instant before) {
            return 0;
        }

        @Override
        public java.util.Optional<String> database() {
            return java.util.Optional.of("a stalled test database");
        }
    }

    @Test
    void aFullQueueDropsAndCountsWithoutWaiting() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StalledStore store = new StalledStore();
        AuditLog log = new AuditLog(store, new Config(true, 365, 2, 1 << 20), new ObjectMapper(), registry);
        log.onStart(null);
        try {
            TreatmentPlan plan = org.ketaplan.plan.Plans.plan(org.ketaplan.plan.Requests.complete());
            // 50 plans against a database that hangs: had any of them waited for it, this would not return.
            for (int i = 0; i < 50; i++) {
                log.plan(AuditLog.Channel.API, "anonymous", new byte[100], plan);
            }
            // The writer holds one batch (at most the first and a queue's worth) while the database hangs; the queue
            // takes two more; everything else is dropped and counted.
            assertThat(registry.counter("ketaplan.audit.dropped").count()).isGreaterThanOrEqualTo(50 - 1 - 2 * 2);
        } finally {
            store.release.countDown();
            log.onStop(null);
        }
    }

    @Test
    void requestBytesBoundTheQueueToo() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StalledStore store = new StalledStore();
        AuditLog log = new AuditLog(store, new Config(true, 365, 1000, 1000), new ObjectMapper(), registry);
        try {
            log.plan(AuditLog.Channel.API, "anonymous", new byte[600], null);
            log.plan(AuditLog.Channel.API, "anonymous", new byte[600], null);
            assertThat(registry.counter("ketaplan.audit.dropped").count()).isEqualTo(1);
        } finally {
            store.release.countDown();
        }
    }

    @Test
    void aRefusedWriteIsCountedAndTheWriterGoesOn() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StalledStore store = new StalledStore();
        store.release.countDown();
        AuditLog log = new AuditLog(store, new Config(false, 365, 100, 1 << 20), new ObjectMapper(), registry);
        log.onStart(null);
        try {
            TreatmentPlan plan = org.ketaplan.plan.Plans.plan(org.ketaplan.plan.Requests.complete());
            log.plan(AuditLog.Channel.API, "anonymous", new byte[10], plan);
            assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
            log.plan(AuditLog.Channel.API, "anonymous", new byte[10], plan);
            assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(registry.counter("ketaplan.audit.failed").count()).isEqualTo(2);
        } finally {
            log.onStop(null);
        }
    }
}
