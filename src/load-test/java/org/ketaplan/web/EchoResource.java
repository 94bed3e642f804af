package org.ketaplan.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.common.annotation.NonBlocking;

/**
 * The transport's floor for load tests: the same body, through the same HTTP stack, without rules. Off
 * unless {@code ketaplan.bench.echo=true} (scripts/load-test.sh sets it).
 */
@Path("/api/v1/echo")
public class EchoResource {

    private final boolean enabled;

    public EchoResource(@ConfigProperty(name = "ketaplan.bench.echo", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response echo(byte[] body) {
        if (!enabled) {
            return ProblemMappers.problem(404, "Not found", "No resource at this path.", null);
        }
        return Response.ok(body).build();
    }
}
