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
        return null;
    }
}
