package org.ketaplan.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body must say what it is: without a Content-Type the framework would guess, and a guess at the boundary is
 * how an unintended parser gets to read a request. 415, before any resource method sees the body.
 */
public class RequestBasics {

    @ServerRequestFilter(preMatching = true)
    public Response requireContentType(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method))) {
            return null;
        }
        String type = request.getHeaderString("Content-Type");
        if (type == null || type.isBlank()) {
            return ProblemMappers.problem(415, "Unsupported media type",
                    "Send the body with a Content-Type (application/json, or application/fhir+json for FHIR).", null);
        }
        // The server accepts 4 MiB for EHR payloads; a plan request never needs more than its own limit, and is
        // refused from its declared length before its body is read.
        if (PlanResource.PATH.equals(request.getUriInfo().getPath()) && declaredLength(request) > PlanResource.MAX_BODY) {
            return tooLarge();
        }
        return null;
    }

    static Response tooLarge() {
        return ProblemMappers.problem(413, "Request too large", "A plan request is at most "
                + PlanResource.MAX_BODY / 1024 + " KiB.", null);
    }

    private static long declaredLength(ContainerRequestContext request) {
        try {
            String length = request.getHeaderString("Content-Length");
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
