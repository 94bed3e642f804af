package org.ketaplan.ehr.cdshooks;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * CDS Hooks 2.0 JSON, as records. Optional elements without a value are omitted (the spec forbids null
 * and empty values). {@code prefetch} stays raw JSON so that an absent key, a null key, an
 * OperationOutcome and a resource can be told apart.
 */
public final class CdsHooks {

    private CdsHooks() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Discovery(List<Service> services) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Service(String hook, String title, String description, String id, Map<String, String> prefetch,
                          String usageRequirements) {
    }

    public record Request(String hook, String hookInstance, String fhirServer, FhirAuthorization fhirAuthorization,
                          JsonNode context, Map<String, JsonNode> prefetch) {
    }

    public record FhirAuthorization(String access_token, String token_type, Integer expires_in, String scope,
                                    String subject, String patient) {
        @Override
        public String toString() {
            return "FhirAuthorization[redacted]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Response(List<Card> cards) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Card(String uuid, String summary, String detail, String indicator, Source source,
                       List<Suggestion> suggestions, String selectionBehavior, List<Coding> overrideReasons,
                       List<Link> links) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Source(String label, String url, Coding topic) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Coding(String system, String code, String display) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String type, String description, JsonNode resource, String resourceId) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Link(String label, String url, String type) {
    }

    public record FeedbackRequest(List<Feedback> feedback) {
    }

    public record Feedback(String card, String outcome, List<AcceptedSuggestion> acceptedSuggestions,
                           JsonNode overrideReason, String outcomeTimestamp) {
    }

    public record AcceptedSuggestion(String id) {
    }
}
