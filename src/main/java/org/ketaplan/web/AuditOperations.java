package org.ketaplan.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.ketaplan.audit.AuditStore;
import org.ketaplan.plan.Problem;
import org.ketaplan.plan.Violation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.RoutingContext;

/**
 * The audit trail, on the management port with the other operations: plans by time range or plan id, reloads and
 * CDS Hooks feedback, newest first and paged. It holds requests and plans, which are patient data: the management
 * port's permissions (application.properties) keep it for the auditor role.
 */
@ApplicationScoped
public class AuditOperations {

    static final String AUDIT = "/api/v1/audit";
    private static final Logger LOG = Logger.getLogger(AuditOperations.class);
    private static final Pattern PLAN_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int MAX_SIZE = 100;
    private static final int MAX_PAGE = 100_000;

    /** A page of records and the query it answers. */
    public record Page<T>(Instant from, Instant to, int page, int size, List<T> items) {
    }

    /** A plan's record; the request and plan themselves only when one plan is asked for by its id. */
    public record PlanView(String planId, Instant createdAt, String caller, String channel, String ruleset,
                           String requestSha256, List<String> ruleIds, String triage, String eligibility,
                           String series, JsonNode request, JsonNode plan) {
    }

    private record Query(Instant from, Instant to, String planId, int page, int size) {
    }

    /** Per rule over a period: how often shown, accepted and overridden (rate of the answers given), and why. */
    public record RuleAnalytics(String ruleId, int shown, int accepted, int overridden, Double overrideRate,
                                Map<String, Integer> reasons) {
    }

    public record Analytics(Instant from, Instant to, List<RuleAnalytics> rules) {
    }

    static final String ANALYTICS = "/api/v1/analytics/rules";
    /** Plans and answers read for one analytics answer: a bound on its cost, not a sample. */
    private static final int ANALYTICS_LIMIT = 200_000;

    private final AuditStore store;
    private final ObjectMapper json;

    public AuditOperations(AuditStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    void routes(@Observes ManagementInterface management) {
        management.router().get(AUDIT).blockingHandler(rc -> answer(rc, q -> {
            List<PlanView> items = new ArrayList<>();
            for (AuditStore.PlanRow r : store.plans(q.from(), q.to(), q.planId(), q.page(), q.size())) {
                boolean one = q.planId() != null;
                items.add(new PlanView(r.planId(), r.createdAt(), r.caller(), r.channel(), r.ruleset(),
                        r.requestSha256(), r.ruleIds().isEmpty() ? List.of() : List.of(r.ruleIds().split(",")),
                        r.triage(), r.eligibility(), r.series(), one ? tree(r.requestJson()) : null,
                        one ? tree(r.planJson()) : null));
            }
            return new Page<>(q.from(), q.to(), q.page(), q.size(), items);
        }), false);
        // Reloads and answers are not looked up by plan: a planId would be ignored, so it is refused.
        management.router().get(AUDIT + "/reloads").blockingHandler(rc -> answer(rc, PAGED, q ->
                new Page<>(q.from(), q.to(), q.page(), q.size(), store.reloads(q.from(), q.to(), q.page(), q.size()))), false);
        management.router().get(AUDIT + "/feedback").blockingHandler(rc -> answer(rc, PAGED, q ->
                new Page<>(q.from(), q.to(), q.page(), q.size(), store.feedback(q.from(), q.to(), q.page(), q.size()))), false);
        // For clinical leads (the management port's permissions): counts per rule, no patient data.
        management.router().get(ANALYTICS).blockingHandler(rc -> answer(rc, List.of("from", "to"), q -> {
            List<RuleAnalytics> rules = new ArrayList<>();
            for (AuditStore.RuleStats r : store.ruleStats(q.from(), q.to(), ANALYTICS_LIMIT)) {
                int answered = r.accepted() + r.overridden();
                rules.add(new RuleAnalytics(r.ruleId(), r.shown(), r.accepted(), r.overridden(),
                        answered == 0 ? null : Math.round(1000.0 * r.overridden() / answered) / 1000.0, r.reasons()));
            }
            return new Analytics(q.from(), q.to(), rules);
        }), false);
    }

    private interface Lookup {
        Object find(Query q) throws Exception;
    }

    private void answer(RoutingContext rc, Lookup lookup) {
        answer(rc, List.of("from", "to", "planId", "page", "size"), lookup);
    }

    private void answer(RoutingContext rc, List<String> parameters, Lookup lookup) {
        List<Violation> violations = new ArrayList<>();
        Query q = query(rc, parameters, violations);
        if (!violations.isEmpty()) {
            send(rc, 400, "application/problem+json",
                    new Problem("about:blank", "Bad Request", 400, "The audit query is invalid.", violations));
            return;
        }
        try {
            send(rc, 200, "application/json", lookup.find(q));
        } catch (Exception e) {
            LOG.warnf("Audit query failed (%s)", e.getClass().getSimpleName());
            send(rc, 503, "application/problem+json", new Problem("about:blank", "Service Unavailable", 503,
                    "The audit database cannot be read now.", null));
        }
    }

    private static final List<String> PAGED = List.of("from", "to", "page", "size");
    /** Instants a database stores and compares alike: from the epoch to the year 9999. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Query query(RoutingContext rc, List<String> parameters, List<Violation> violations) {
        Map<String, String> p = new java.util.HashMap<>();
        rc.queryParams().forEach(e -> p.merge(e.getKey(), e.getValue(), (a, b) -> {
            violations.add(new Violation(e.getKey(), "given more than once"));
            return a;
        }));
        for (String name : p.keySet()) {
            if (!parameters.contains(name)) {
                violations.add(new Violation(name.length() > 40 ? name.substring(0, 40) : name, "is not a parameter"));
            }
        }
        Instant from = parse(p, "from", Instant.EPOCH, Instant::parse, violations);
        Instant to = parse(p, "to", Instant.now().plusSeconds(1), Instant::parse, violations);
        int page = parse(p, "page", 0, Integer::valueOf, violations);
        int size = parse(p, "size", 50, Integer::valueOf, violations);
        String planId = p.get("planId");
        if (planId != null && !PLAN_ID.matcher(planId).matches()) {
            violations.add(new Violation("planId", "must be a plan id (letters, digits and '-', at most 64)"));
        }
        if (page < 0 || page > MAX_PAGE) {
            violations.add(new Violation("page", "must be between 0 and " + MAX_PAGE));
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add(new Violation("size", "must be between 1 and " + MAX_SIZE));
        }
        for (var bound : Map.of("from", from, "to", to).entrySet()) {
            if (bound.getValue() != null && (bound.getValue().isBefore(Instant.EPOCH) || bound.getValue().isAfter(LATEST))) {
                violations.add(new Violation(bound.getKey(), "must be between 1970-01-01T00:00:00Z and " + LATEST));
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            violations.add(new Violation("to", "must be after from"));
        }
        return new Query(from, to, planId, page, size);
    }

    private static <T> T parse(Map<String, String> p, String name, T absent, Function<String, T> parser,
                               List<Violation> violations) {
        String raw = p.get(name);
        if (raw == null) {
            return absent;
        }
        try {
            if (raw.length() > 40) {
                throw new IllegalArgumentException();
            }
            return parser.apply(raw);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            violations.add(new Violation(name, name.equals("from") || name.equals("to")
                    ? "must be an instant such as 2026-12-01T00:00:00Z" : "must be a whole number"));
            return absent;
        }
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void send(RoutingContext rc, int status, String type, Object body) {
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", type).putHeader("Cache-Control", "no-store")
                    .end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
