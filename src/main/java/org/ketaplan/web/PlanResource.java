package org.ketaplan.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ketaplan.audit.AuditLog;
import org.ketaplan.plan.PlanRequest;
import org.ketaplan.plan.PlanService;
import org.ketaplan.plan.Problem;
import org.ketaplan.plan.RequestReader;
import org.ketaplan.plan.TreatmentPlan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

@Path(PlanResource.PATH)
public class PlanResource {

    static final String PATH = "/api/v1/plans";
    /** A complete request with a long course is under 64 KiB; the EHR endpoints accept more (application.properties). */
    static final int MAX_BODY = 256 * 1024;

    private final RequestReader reader;
    private final PlanService service;
    /**
     * A typical request is 2-5 KiB and its plan a few hundred microseconds; above this size a request goes to a
     * worker thread.
     */
    static final int EVENT_LOOP_BODY_LIMIT = 16 * 1024;
    private final ObjectWriter planWriter;
    private final AuditLog audit;

    public PlanResource(RequestReader reader, PlanService service, ObjectMapper json, AuditLog audit) {
        this.audit = audit;
        this.reader = reader;
        this.service = service;
        this.planWriter = json.writerFor(TreatmentPlan.class);
    }

    /**
     * Runs on the I/O thread when the body is small: a plan is a few hundred microseconds of CPU with no I/O,
     * less than the hand-off to a worker thread costs under load. A large body goes to a worker thread.
     * Takes the raw body so that every problem in it (unknown fields, bad enums, ranges) is reported at
     * once with its path, rather than only the first one Jackson trips over.
     * Returns the plan already serialised (same ObjectMapper, so the same JSON): a writer resolved once for
     * TreatmentPlan into one byte array costs less CPU than the framework's per-request writer (measured in
     * docs/performance.md).
     */
    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recommend a ketamine/esketamine treatment plan for one patient")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlanRequest.class)))
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(schema = @Schema(implementation = TreatmentPlan.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; every violation is listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over the configured limit")
    @APIResponse(responseCode = "415", description = "Body is not application/json")
    public Uni<byte[]> create(byte[] body, @Context SecurityContext security) {
        if (body != null && body.length > MAX_BODY) {
            // A body sent without a declared length (chunked) is measured once read.
            throw new WebApplicationException(RequestBasics.tooLarge());
        }
        if (body != null && body.length > EVENT_LOOP_BODY_LIMIT) {
            // Hundreds of list elements cost tens of milliseconds of rule matching: never on the event loop,
            // where they would stall every other request (docs/performance.md, worst case within the limits).
            String caller = AuditLog.callerOf(security.getUserPrincipal());
            return Uni.createFrom().item(() -> plan(body, caller)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().item(plan(body, AuditLog.callerOf(security.getUserPrincipal())));
    }

    private byte[] plan(byte[] body, String caller) {
        try {
            TreatmentPlan plan = service.plan(reader.read(body));
            byte[] json = planWriter.writeValueAsBytes(plan);
            audit.plan(AuditLog.Channel.API, caller, body, plan, json);
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan could not be serialised", e);
        }
    }
}
