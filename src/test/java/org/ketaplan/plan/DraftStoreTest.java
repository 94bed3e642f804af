package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Drafts live a bounded time, in a bounded number, under ids nobody can guess or forge. */
class DraftStoreTest {

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        private Instant now = Instant.parse("2026-11-21T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static ObjectNode request() {
        return Requests.JSON.createObjectNode().put("asOf", "2026-11-21");
    }

    @Test
    void aDraftIsFoundUntilItExpires() {
        Moving clock = new Moving();
        DraftStore store = new DraftStore(clock);
        DraftStore.Draft draft = store.create(request(), Map.of("patient.sex", List.of("Patient/p1")));
        assertThat(draft.id()).matches("[A-Za-z0-9_-]{22}");
        clock.now = clock.now.plus(DraftStore.TTL).minusSeconds(1);
        assertThat(store.find(draft.id())).get().extracting(DraftStore.Draft::sources)
                .isEqualTo(Map.of("patient.sex", List.of("Patient/p1")));
        clock.now = clock.now.plusSeconds(1);
        assertThat(store.find(draft.id())).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void idsAreUnguessableAndOnlyWellFormedOnesAreLookedUp() {
        DraftStore store = new DraftStore();
        String a = store.create(request(), Map.of()).id();
        String b = store.create(request(), Map.of()).id();
        assertThat(a).isNotEqualTo(b);
        assertThat(store.find(a.substring(1))).isEmpty();
        assertThat(store.find(null)).isEmpty();
        assertThat(store.find("../../etc/passwd")).isEmpty();
    }

    @Test
    void theOldestDraftGoesWhenTheStoreIsFull() {
        DraftStore store = new DraftStore(new Moving());
        String first = store.create(request(), Map.of()).id();
        for (int i = 1; i < DraftStore.MAX_DRAFTS; i++) {
            store.create(request(), Map.of());
        }
        assertThat(store.find(first)).isPresent();
        store.create(request(), Map.of());
        assertThat(store.size()).isEqualTo(DraftStore.MAX_DRAFTS);
        assertThat(store.find(first)).isEmpty();
    }

    @Test
    void aFoundDraftCannotChangeTheStoredOne() {
        DraftStore store = new DraftStore();
        String id = store.create(request(), Map.of()).id();
        store.find(id).orElseThrow().request().put("asOf", "1999-01-01");
        assertThat(store.find(id).orElseThrow().request().path("asOf").asText()).isEqualTo("2026-11-21");
    }
}
