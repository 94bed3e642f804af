package org.ketaplan.audit;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.ketaplan.plan.DraftStore;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Drafts in the shared database, so that any replica opens a card's link (DraftStore). */
@ApplicationScoped
public class DatabaseDrafts implements DraftStore.Backend {

    private final SharedState shared;
    private final ObjectMapper json;

    public DatabaseDrafts(SharedState shared, ObjectMapper json) {
        this.shared = shared;
        this.json = json;
    }

    @Override
    public void put(DraftStore.Draft draft) throws Exception {
        shared.putDraft(draft.id(), draft.expiresAt(), json.writeValueAsString(draft), Instant.now());
    }

    @Override
    public Optional<DraftStore.Draft> get(String id, Instant now) throws Exception {
        Optional<String> content = shared.draft(id, now);
        return content.isEmpty() ? Optional.empty() : Optional.of(json.readValue(content.get(), DraftStore.Draft.class));
    }
}
