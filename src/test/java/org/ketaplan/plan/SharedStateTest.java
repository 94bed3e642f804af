package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.ketaplan.audit.SharedState;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What replicas share through the database, on the embedded default (TwoReplicasIT runs two services on
 * PostgreSQL): a draft made by one store opens in another that never saw it, and a one-time key is accepted once.
 */
@QuarkusTest
class SharedStateTest {

    @Inject
    DraftStore.Backend backend;

    @Inject
    SharedState shared;

    @Test
    void aDraftMadeOnOneReplicaIsFoundOnAnother() {
        DraftStore one = new DraftStore(Clock.systemUTC(), backend);
        DraftStore other = new DraftStore(Clock.systemUTC(), backend);
        DraftStore.Draft made = one.create(Requests.complete().json(), Map.of("patient.ageYears", List.of("Patient/p1")));
        DraftStore.Draft found = other.find(made.id()).orElseThrow();
        assertThat(found.request()).isEqualTo(made.request());
        assertThat(found.sources()).isEqualTo(made.sources());
        assertThat(found.expiresAt()).isEqualTo(made.expiresAt());
        assertThat(other.find("AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
    }

    @Test
    void anExpiredDraftIsNotFoundElsewhere() throws Exception {
        Instant later = Instant.now().plus(DraftStore.TTL).plusSeconds(1);
        DraftStore one = new DraftStore(Clock.systemUTC(), backend);
        DraftStore.Draft made = one.create(Requests.complete().json(), Map.of());
        DraftStore afterExpiry = new DraftStore(Clock.fixed(later, java.time.ZoneOffset.UTC), backend);
        assertThat(afterExpiry.find(made.id())).isEmpty();
        // The database itself holds it back once expired, not only the store's own check.
        assertThat(backend.get(made.id(), later)).isEmpty();
        assertThat(backend.get(made.id(), Instant.now())).isPresent();
    }

    @Test
    void aOneTimeKeyIsAcceptedOnceUntilItExpires() throws Exception {
        String key = "https://ehr.test.example/|" + UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(shared.firstUse(key, now.plusSeconds(3600), now)).isTrue();
        assertThat(shared.firstUse(key, now.plusSeconds(3600), now)).isFalse();
        // Once its time is over the key may be used again (a purge would have removed it).
        Instant muchLater = now.plusSeconds(7200);
        assertThat(shared.firstUse(key, muchLater.plusSeconds(3600), muchLater)).isTrue();
        assertThat(shared.firstUse(key, muchLater.plusSeconds(3600), muchLater)).isFalse();
    }
}
