package org.ketaplan.cdshooks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** CDS Hooks 2.0: discovery, the two services, and feedback. */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
public class CdsResource {

    private static final Logger LOG = Logger.getLogger(CdsResource.class);
    /** Feedback by card and outcome: an EHR may send the same feedback again, and it counts once. */
    private final Map<String, CdsHooks.Feedback> feedback = new ConcurrentHashMap<>();
    private final CdsService service;

    public CdsResource(CdsService service) {
        this.service = service;
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
    public CdsHooks.Response call(@PathParam("id") String id, CdsHooks.Request request) {
        return service.evaluate(id, request);
    }

    @POST
    @Path("/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Card feedback (accepted or overridden); idempotent")
    public Response feedback(@PathParam("id") String id, CdsHooks.FeedbackRequest body) {
        if (!CdsService.PLAN_SERVICE.equals(id) && !CdsService.ORDER_SERVICE.equals(id)) {
            throw new CdsService.CdsProblem(404, "no CDS service " + id);
        }
        if (body == null || body.feedback() == null || body.feedback().isEmpty()) {
            throw new CdsService.CdsProblem(400, "feedback must list at least one card outcome");
        }
        for (CdsHooks.Feedback f : body.feedback()) {
            if (f.card() == null || f.outcomeTimestamp() == null
                    || !("accepted".equals(f.outcome()) || "overridden".equals(f.outcome()))) {
                throw new CdsService.CdsProblem(400, "each feedback needs card, outcome accepted|overridden and outcomeTimestamp");
            }
            if (feedback.putIfAbsent(id + "|" + f.card() + "|" + f.outcome(), f) == null) {
                LOG.infof("CDS feedback: service %s card %s %s", id, f.card(), f.outcome());
            }
        }
        return Response.ok("{}", MediaType.APPLICATION_JSON).build();
    }

    /** How many distinct card outcomes were recorded (for operations and tests). */
    public int feedbackCount() {
        return feedback.size();
    }

    @ServerExceptionMapper
    public Response problem(CdsService.CdsProblem e) {
        return Response.status(e.status).type("application/problem+json")
                .entity(new org.ketaplan.api.Problem("about:blank", e.status == 412 ? "Precondition Failed" : "CDS request error",
                        e.status, e.getMessage(), null))
                .build();
    }
}
