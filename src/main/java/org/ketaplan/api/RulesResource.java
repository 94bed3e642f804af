package org.ketaplan.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.ketaplan.engine.Rejection;
import org.ketaplan.engine.ReloadOutcome;
import org.ketaplan.engine.RuleBase;
import org.ketaplan.engine.RuleBaseHolder;
import org.ketaplan.engine.RuleInfo;
import org.ketaplan.patient.Parameter;

@Path("/api/v1/rules")
public class RulesResource {

    public record RuleSetView(String version, Instant loadedAt, String directory, boolean watching, boolean reloading,
                              int count,
                              List<RuleInfo> rules, List<Parameter> parameters, Rejection lastRejected) {
    }

    public record ReloadView(String outcome, String activeVersion, Rejection rejection) {
    }

    public record TraceView(String specId, List<RuleInfo> rules, Set<String> scenarios) {
    }

    private final RuleBaseHolder holder;

    public RulesResource(RuleBaseHolder holder) {
        this.holder = holder;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The active rule set: version, load time, every rule with its ID, file, strength and "
            + "sources, and the last rejected reload")
    public RuleSetView rules() {
        RuleBase rb = holder.current();
        return new RuleSetView(rb.version(), rb.loadedAt(), holder.rulesDir(), holder.watching(), holder.reloading(),
                rb.rules().size(),
                rb.rules(), rb.parameters(), holder.lastRejection());
    }

    /** Synchronous, so the caller learns at once whether the edit was accepted. */
    @POST
    @Path("/reload")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reload rules/ now: compile, verify, run every scenario, and swap in only if all pass")
    public Response reload() {
        ReloadOutcome outcome = holder.reload("POST /api/v1/rules/reload");
        ReloadView view = new ReloadView(outcome.accepted() ? "ACCEPTED" : "REJECTED", outcome.activeVersion(),
                outcome.rejection());
        return Response.status(outcome.accepted() ? 200 : 422).entity(view).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/traceability")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every clinical-spec ID with its DRL rules and the scenarios that exercise them")
    public List<TraceView> traceability() {
        RuleBase rb = holder.current();
        Map<String, List<RuleInfo>> bySpecId = new TreeMap<>();
        for (RuleInfo r : rb.rules()) {
            bySpecId.computeIfAbsent(r.specId(), k -> new java.util.ArrayList<>()).add(r);
        }
        return bySpecId.entrySet().stream().map(e -> {
            Set<String> scenarios = new TreeSet<>();
            e.getValue().forEach(r -> scenarios.addAll(rb.scenariosByRuleId().getOrDefault(r.id(), Set.of())));
            return new TraceView(e.getKey(), e.getValue(), scenarios);
        }).toList();
    }
}
