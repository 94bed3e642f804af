package org.ketaplan.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.ketaplan.plan.DraftStore;

/**
 * A draft request an EHR card links to: what the record showed, with the resources each fact came from, for the
 * clinician page to pre-fill. Anyone holding the id may read the draft until it expires: the id is the
 * capability, so it is never logged and never put anywhere but the card's link.
 */
@Path("/api/v1/drafts/{id}")
public class DraftResource {

    private final DraftStore drafts;

    public DraftResource(DraftStore drafts) {
        this.drafts = drafts;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A draft plan request made from an EHR record (the link of a CDS Hooks card)")
    public Response draft(@PathParam("id") String id) {
        return drafts.find(id).map(d -> Response.ok(d).header("Cache-Control", "no-store").build())
                .orElseGet(() -> ProblemMappers.problem(404, "Not found",
                        "No such draft, or it has expired: open the patient's chart again for a new one.", null));
    }
}
