package org.ketaplan.web;

import java.util.List;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ketaplan.engine.RuleExecutionException;
import org.ketaplan.plan.BadRequestProblem;
import org.ketaplan.plan.Problem;
import org.ketaplan.plan.Violation;

/**
 * Every error leaves as problem+json. Nothing a client sends may produce a 500 or a stack trace; a 500
 * means the rule base or the service misbehaved, and names the rule when one is to blame.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response badRequest(BadRequestProblem e) {
        return problem(400, "Invalid plan request", e.getMessage(), e.violations());
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return problem(415, "Unsupported media type", "Send the request as application/json.", null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "Not found", "No resource at this path.", null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return problem(405, "Method not allowed", "This path does not accept that method.", null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 413) {
            return problem(413, "Request too large", "The request body is over the configured size limit.", null);
        }
        if (status >= 500) {
            LOG.error("request failed", e);
            return problem(status, "Server error", "The service could not complete the request.", null);
        }
        return problem(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), "The request could not be processed.", null);
    }

    @ServerExceptionMapper
    public Response ruleFailure(RuleExecutionException e) {
        LOG.errorf("rule failure in rule \"%s\": %s", e.ruleName(), e.getMessage());
        return problem(500, "Rule failure", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return problem(500, "Server error", "The service could not complete the request.", null);
    }

    static Response problem(int status, String title, String detail, List<Violation> violations) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, violations))
                .build();
    }
}
