package org.ketaplan.web;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleBaseHolder;

/**
 * On the public port only the rule set's identity, which every plan carries too. The rules themselves, their
 * thresholds, traceability and reloads are operations: they live on the management interface
 * ({@link RulesOperations}), which a deployment does not expose.
 */
@Path("/api/v1/rules")
public class RulesResource {

    public record RuleSetSummary(String version, Instant loadedAt) {
    }

    private final RuleBaseHolder holder;

    public RulesResource(RuleBaseHolder holder) {
        this.holder = holder;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The active rule set's version and load time (details are on the management interface)")
    public RuleSetSummary rules() {
        RuleBase rb = holder.current();
        return new RuleSetSummary(rb.version(), rb.loadedAt());
    }
}
