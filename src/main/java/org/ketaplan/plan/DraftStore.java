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
 * draft lives for a bounded time and the store holds a bounded number, the oldest dropped first. In memory only:
 * a restart drops the drafts, and the EHR's next call makes a new one.
 */
@ApplicationScoped
public class DraftStore {

    /** What the record showed: the request so far and, for each of its facts, the EHR resources it came from. */
    public record Draft(String id, ObjectNode request, Map<String, List<String>> sources, Instant expiresAt) {
    }

    static final Duration TTL = Duration.ofMinutes(30);
    static final int MAX_DRAFTS = 10_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Draft> drafts = new LinkedHashMap<>();

    public DraftStore() {
        this(Clock.systemUTC());
    }

    DraftStore(Clock clock) {
        this.clock = clock;
    }

    public synchronized Draft create(ObjectNode request, Map<String, List<String>> sources) {
        purgeExpired();
        while (drafts.size() >= MAX_DRAFTS) {
            drafts.remove(drafts.keySet().iterator().next());
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Draft draft = new Draft(id, request.deepCopy(), Map.copyOf(sources), clock.instant().plus(TTL));
        drafts.put(id, draft);
        return draft;
    }

    /** The draft, while it lives; nothing for an expired, unknown or malformed id. */
    public synchronized Optional<Draft> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Draft draft = drafts.get(id);
        if (draft == null || !clock.instant().isBefore(draft.expiresAt())) {
            drafts.remove(id);
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
