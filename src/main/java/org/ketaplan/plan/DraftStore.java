package org.ketaplan.plan;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Requests built from an EHR record, kept for the clinician to finish on the page (an EHR card links to
 * {@code ?draft=<id>}). The id is 128 random bits, so the link carries no patient data and cannot be guessed; a
 * draft lives for a bounded time and memory holds a bounded number, the oldest dropped first. With a shared
 * {@link Backend} (the database, audit.DatabaseDrafts) every replica finds a draft another one made, which is what
 * a card's link needs behind a load balancer; memory stays the fallback when the backend cannot be reached.
 */
@ApplicationScoped
public class DraftStore {

    /** Where drafts are shared between replicas. */
    public interface Backend {
        void put(Draft draft) throws Exception;

        Optional<Draft> get(String id, Instant now) throws Exception;
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DraftStore.class);

    /** What the record showed: the request so far and, for each of its facts, the EHR resources it came from. */
    public record Draft(String id, ObjectNode request, Map<String, List<String>> sources, Instant expiresAt) {
    }

    static final Duration TTL = Duration.ofMinutes(30);
    static final int MAX_DRAFTS = 10_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Draft> drafts = new LinkedHashMap<>();
    private final Backend backend;

    public DraftStore() {
        this(Clock.systemUTC(), null);
    }

    DraftStore(Clock clock) {
        this(clock, null);
    }

    @jakarta.inject.Inject
    public DraftStore(jakarta.enterprise.inject.Instance<Backend> backends) {
        this(Clock.systemUTC(), backends.isResolvable() ? backends.get() : null);
    }

    DraftStore(Clock clock, Backend backend) {
        this.clock = clock;
        this.backend = backend;
    }

    public Draft create(ObjectNode request, Map<String, List<String>> sources) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Draft draft = new Draft(id, request.deepCopy(), Map.copyOf(sources), clock.instant().plus(TTL));
        synchronized (this) {
            purgeExpired();
            while (drafts.size() >= MAX_DRAFTS) {
                drafts.remove(drafts.keySet().iterator().next());
            }
            drafts.put(id, draft);
        }
        // The database's latency stays out of the lock: one slow write must not hold up every other card.
        if (backend != null) {
            try {
                backend.put(draft);
            } catch (Exception e) {
                LOG.warnf("Draft not shared (%s): only this replica can open its link", e.getClass().getSimpleName());
            }
        }
        return draft;
    }

    /** The draft, while it lives; nothing for an expired, unknown or malformed id. */
    public Optional<Draft> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Draft draft;
        synchronized (this) {
            draft = drafts.get(id);
        }
        if (draft == null && backend != null) {
            try {
                draft = backend.get(id, clock.instant()).orElse(null);
            } catch (Exception e) {
                LOG.warnf("Shared drafts cannot be read (%s)", e.getClass().getSimpleName());
            }
        }
        if (draft == null || !clock.instant().isBefore(draft.expiresAt())) {
            synchronized (this) {
                drafts.remove(id);
            }
            return Optional.empty();
        }
        return Optional.of(new Draft(draft.id(), draft.request().deepCopy(), draft.sources(), draft.expiresAt()));
    }

    synchronized int size() {
        return drafts.size();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        drafts.values().removeIf(d -> !now.isBefore(d.expiresAt()));
    }
}
