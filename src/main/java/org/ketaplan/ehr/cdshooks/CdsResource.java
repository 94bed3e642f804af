package org.ketaplan.ehr.cdshooks;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.ketaplan.audit.AuditLog;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ketaplan.plan.JsonGuard;

import com.fasterxml.jackson.databind.ObjectMapper;

/** CDS Hooks 2.0: discovery, the two services, and feedback. */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
public class CdsResource {

    private static final Logger LOG = Logger.getLogger(CdsResource.class);
    static final int MAX_FEEDBACK_PER_CALL = 100;
    static final int MAX_CARD_ID = 200;
    /** Until feedback is stored in a database (the trust issue), memory holds the newest outcomes only. */
    static final int MAX_STORED_FEEDBACK = 10_000;
    /** Feedback by card and outcome: an EHR may send the same feedback again, and it counts once. */
    private final Map<String, CdsHooks.Feedback> feedback = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CdsHooks.Feedback> eldest) {
            return size() > MAX_STORED_FEEDBACK;
        }
    };
    private final CdsService service;
    private final ObjectMapper json;

    private final CdsCaller caller;
    private final AuditLog audit;

    public CdsResource(CdsService service, ObjectMapper json, CdsCaller caller, AuditLog audit) {
        this.service = service;
        this.json = json;
        this.caller = caller;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "CDS Hooks discovery")
    public CdsHooks.Discovery discovery() {
        return service.discovery();
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Call a CDS service (patient-view or order-select) with FHIR R4 prefetch")
    public CdsHooks.Response call(@PathParam("id") String id, byte[] body, @Context UriInfo uri) {
        return service.evaluate(id, read(body, CdsHooks.Request.class), uri.getBaseUri().toString(), caller.issuer());
    }

    /**
     * Every number and list of an EHR's call is bounded before a parser builds anything from it (a FHIR decimal
     * of 1e999999999 once hung HAPI); a body that is not the expected JSON is a 400 that names no internals.
     */
    private <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new CdsService.CdsProblem(400, "the request body is empty");
        }
        List<org.ketaplan.plan.Violation> bounds = JsonGuard.check(body, JsonGuard.FHIR);
        if (!bounds.isEmpty()) {
            throw new CdsService.CdsProblem(400, bounds.get(0).field() + ": " + bounds.get(0).message());
        }
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw new CdsService.CdsProblem(400, "the request body must be a JSON object");
            }
            return value;
        } catch (java.io.IOException e) {
            throw new CdsService.CdsProblem(400, "the request body is not a valid CDS Hooks request");
        }
    }

    @POST
    @Path("/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Card feedback (accepted or overridden); idempotent")
    public Response feedback(@PathParam("id") String id, byte[] body) {
        if (!CdsService.PLAN_SERVICE.equals(id) && !CdsService.ORDER_SERVICE.equals(id)) {
            throw new CdsService.CdsProblem(404, "no CDS service " + id);
        }
        CdsHooks.FeedbackRequest request = read(body, CdsHooks.FeedbackRequest.class);
        if (request.feedback() == null || request.feedback().isEmpty()) {
            throw new CdsService.CdsProblem(400, "feedback must list at least one card outcome");
        }
        if (request.feedback().size() > MAX_FEEDBACK_PER_CALL) {
            throw new CdsService.CdsProblem(400, "at most " + MAX_FEEDBACK_PER_CALL + " card outcomes per call");
        }
        for (CdsHooks.Feedback f : request.feedback()) {
            if (f == null || f.card() == null || f.card().isBlank() || f.card().length() > MAX_CARD_ID
                    || f.outcomeTimestamp() == null
                    || !("accepted".equals(f.outcome()) || "overridden".equals(f.outcome()))) {
                throw new CdsService.CdsProblem(400, "each feedback needs card (at most " + MAX_CARD_ID
                        + " characters), outcome accepted|overridden and outcomeTimestamp");
            }
        }
        int added = 0;
        synchronized (feedback) {
            for (CdsHooks.Feedback f : request.feedback()) {
                if (feedback.putIfAbsent(id + "|" + f.card() + "|" + f.outcome(), f) == null) {
                    added++;
                    // The card's id is the plan's (CardBuilder): the answer counts for the rules behind that plan.
                    audit.feedback(caller.issuer(), id, f.card(), f.outcome(),
                            PLAN_ID.matcher(f.card()).matches() ? f.card() : null, null, reason(f));
                }
            }
        }
        // One line per call, counts only: card ids are the client's text and could forge or flood the log.
        LOG.infof("CDS feedback for %s: %d outcomes, %d new", id, request.feedback().size(), added);
        return Response.ok("{}", MediaType.APPLICATION_JSON).build();
    }

    /** How many distinct card outcomes were recorded (for operations and tests). */
    private static final java.util.regex.Pattern PLAN_ID = java.util.regex.Pattern.compile("[0-9a-f-]{36}");

    /** The coded override reason if it is one of the card's; an EHR's free-text comment is never kept. */
    static String reason(CdsHooks.Feedback f) {
        if (!"overridden".equals(f.outcome()) || f.overrideReason() == null) {
            return null;
        }
        String code = f.overrideReason().path("reason").path("code").asText("");
        return org.ketaplan.plan.OverrideReasons.of(code).map(org.ketaplan.plan.OverrideReasons.Reason::code)
                .orElse("unlisted");
    }

    public int feedbackCount() {
        synchronized (feedback) {
            return feedback.size();
        }
    }

    @ServerExceptionMapper
    public Response problem(CdsService.CdsProblem e) {
        return Response.status(e.status).type("application/problem+json")
                .entity(new org.ketaplan.plan.Problem("about:blank", e.status == 412 ? "Precondition Failed" : "CDS request error",
                        e.status, e.getMessage(), null))
                .build();
    }
}
