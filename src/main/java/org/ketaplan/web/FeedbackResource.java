package org.ketaplan.web;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.ketaplan.audit.AuditLog;
import org.ketaplan.audit.AuditStore;
import org.ketaplan.plan.BadRequestProblem;
import org.ketaplan.plan.OverrideReasons;
import org.ketaplan.plan.Violation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The page's answer to one recommendation of a plan: followed, or overridden with a reason from the same list the
 * EHR cards offer. Recorded with the plan and the rule behind the item for the override analytics; the clinician's
 * name comes from the sign-in, and no free text is taken. Only a recorded plan's own rules can be answered, once per
 * clinician, and the answer is written before it is acknowledged: the analytics count what clinicians were shown.
 */
@Path("/api/v1/feedback")
public class FeedbackResource {

    static final int MAX_BODY = 2048;
    private static final Pattern PLAN_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final Pattern RULE_ID = Pattern.compile("[A-Z]{1,8}-[0-9]{1,3}[a-z]{0,2}");
    private static final Set<String> FIELDS = Set.of("planId", "ruleId", "outcome", "reason");

    private static final Logger LOG = Logger.getLogger(FeedbackResource.class);

    private final AuditLog audit;
    private final AuditStore store;
    private final ObjectMapper json;

    public FeedbackResource(AuditLog audit, AuditStore store, ObjectMapper json) {
        this.audit = audit;
        this.store = store;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A clinician's answer to one recommendation: followed, or overridden with a coded reason")
    public Response answer(byte[] body, @Context SecurityContext security) {
        if (body == null || body.length == 0 || body.length > MAX_BODY) {
            throw new BadRequestProblem("Send one answer of at most " + MAX_BODY + " bytes.",
                    List.of(new Violation("", body == null || body.length == 0 ? "empty" : "too large")));
        }
        JsonNode n;
        try {
            n = json.readTree(body);
        } catch (IOException e) {
            throw new BadRequestProblem("The body is not JSON.", List.of(new Violation("", "not JSON")));
        }
        if (n == null || !n.isObject()) {
            throw new BadRequestProblem("Send a JSON object.", List.of(new Violation("", "must be an object")));
        }
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                violations.add(new Violation(f.length() > 64 ? f.substring(0, 64) : f, "unknown field"));
            }
        }
        String planId = text(n, "planId", PLAN_ID, "a plan id", violations);
        String ruleId = text(n, "ruleId", RULE_ID, "a rule ID such as IND-01a", violations);
        String outcome = n.path("outcome").isTextual() ? n.path("outcome").asText() : null;
        if (!"followed".equals(outcome) && !"overridden".equals(outcome)) {
            violations.add(new Violation("outcome", "must be followed or overridden"));
        }
        String reason = n.hasNonNull("reason") && n.get("reason").isTextual() ? n.get("reason").asText() : null;
        if ("overridden".equals(outcome) && (reason == null || OverrideReasons.of(reason).isEmpty())) {
            violations.add(new Violation("reason", "an override needs one of " + OverrideReasons.ALL.stream()
                    .map(OverrideReasons.Reason::code).toList()));
        } else if ("followed".equals(outcome) && n.has("reason")) {
            violations.add(new Violation("reason", "only an override has a reason"));
        }
        if (!violations.isEmpty()) {
            throw new BadRequestProblem("The answer is invalid.", violations);
        }
        String caller = AuditLog.callerOf(security.getUserPrincipal());
        try {
            Optional<Set<String>> shown = store.ruleIdsOf(planId);
            if (shown.isEmpty()) {
                // A plan answered at once may still be in the audit writer's queue: once what was queued is written,
                // an unknown id is the client's; if the writer is behind, it is ours.
                boolean written = audit.flush(Duration.ofSeconds(2));
                shown = store.ruleIdsOf(planId);
                if (shown.isEmpty() && !written) {
                    return ProblemMappers.problem(503, "Service Unavailable",
                            "The plans given are still being recorded; try again in a moment.", null);
                }
            }
            if (shown.isEmpty()) {
                throw new BadRequestProblem("No plan with this id is recorded.",
                        List.of(new Violation("planId", "no recorded plan has this id")));
            }
            if (!shown.get().contains(ruleId)) {
                throw new BadRequestProblem("This plan has no item of this rule.",
                        List.of(new Violation("ruleId", "not a rule of this plan")));
            }
            if (!store.insertFeedbackOnce(new AuditStore.FeedbackRow(Instant.now(), caller, "page", planId,
                    "followed".equals(outcome) ? "accepted" : "overridden", planId, ruleId, reason))) {
                return ProblemMappers.problem(409, "Conflict", "This recommendation of this plan is already answered "
                        + "by you: an answer is recorded once.", List.of(new Violation("ruleId", "already answered")));
            }
        } catch (SQLException | RuntimeException e) {
            if (e instanceof BadRequestProblem bad) {
                throw bad;
            }
            LOG.errorf("Feedback could not be recorded (%s)", e.getClass().getSimpleName());
            return ProblemMappers.problem(503, "Service Unavailable", "The answer could not be recorded; try again.", null);
        }
        return Response.noContent().build();
    }

    private static String text(JsonNode n, String field, Pattern pattern, String what, List<Violation> violations) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || !pattern.matcher(v.asText()).matches()) {
            violations.add(new Violation(field, "must be " + what));
            return null;
        }
        return v.asText();
    }
}
