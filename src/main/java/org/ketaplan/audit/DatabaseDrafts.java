package org.ketaplan.audit;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.ketaplan.plan.DraftStore;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Drafts in the shared database, so that any replica opens a card's link (DraftStore). A draft is a request made
 * from a patient's record: under a policy that keeps no content in the database ({@code ketaplan.audit.keep-content
 * =false}) drafts stay in each replica's memory instead.
 */
@ApplicationScoped
public class DatabaseDrafts implements DraftStore.Backend {

    private final SharedState shared;
    private final ObjectMapper json;
    private final boolean keepContent;

    public DatabaseDrafts(SharedState shared, ObjectMapper json, AuditConfig config) {
        this.shared = shared;
        this.json = json;
        this.keepContent = config.keepContent();
    }

    @Override
    public void put(DraftStore.Draft draft) throws Exception {
        if (!keepContent) {
            return;
        }
        shared.putDraft(draft.id(), draft.expiresAt(), json.writeValueAsString(draft), Instant.now());
    }

    @Override
    public Optional<DraftStore.Draft> get(String id, Instant now) throws Exception {
        if (!keepContent) {
            return Optional.empty();
        }
        Optional<String> content = shared.draft(id, now);
        return content.isEmpty() ? Optional.empty() : Optional.of(json.readValue(content.get(), DraftStore.Draft.class));
    }
}
