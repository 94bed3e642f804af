package org.ketaplan.api;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.ketaplan.engine.RuleBase;
import org.ketaplan.engine.RuleBaseHolder;
import org.ketaplan.engine.RuleInfo;
import org.ketaplan.patient.Parameter;

@Path("/api/v1/rules")
public class RulesResource {

    public record RuleSetView(String version, Instant loadedAt, String directory, int count, List<RuleInfo> rules,
                              List<Parameter> parameters) {
    }

    private final RuleBaseHolder holder;

    public RulesResource(RuleBaseHolder holder) {
        this.holder = holder;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The active rule set: version, load time, and every rule with its ID, file, strength and sources")
    public RuleSetView rules() {
        RuleBase rb = holder.current();
        return new RuleSetView(rb.version(), rb.loadedAt(), holder.rulesDir(), rb.rules().size(), rb.rules(),
                rb.parameters());
    }
}
