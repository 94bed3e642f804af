package org.ketaplan.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ketaplan.audit.AuditLog;
import org.ketaplan.facts.Parameter;
import org.ketaplan.ruleset.Rejection;
import org.ketaplan.ruleset.ReloadOutcome;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleBaseHolder;
import org.ketaplan.ruleset.RuleInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Operations on the rule set, served by the management interface (port 9000, {@code quarkus.management.*}),
 * never by the public port that clinicians' browsers and EHRs reach: the full rule listing with every
 * threshold, traceability, and reloads (each costs about a second of both cores). The management port's
 * permissions (application.properties) keep all three for the clinical-lead role.
 */
@ApplicationScoped
public class RulesOperations {

    public record RuleSetView(String version, Instant loadedAt, String directory, boolean watching, boolean reloading,
                              int count, List<RuleInfo> rules, List<Parameter> parameters, Rejection lastRejected,
                              RuleBaseHolder.CandidateReport lastCandidate) {
    }

    public record ReloadView(String outcome, String activeVersion, Rejection rejection) {
    }

    public record TraceView(String specId, List<RuleInfo> rules, Set<String> scenarios) {
    }

    static final String RULES = "/api/v1/rules";
    static final String PAGE = "/rules";

    private final RuleBaseHolder holder;
    private final ObjectMapper json;

    public RulesOperations(RuleBaseHolder holder, ObjectMapper json) {
        this.holder = holder;
        this.json = json;
    }

    void routes(@Observes ManagementInterface management) {
        // The clinical lead's page (src/main/resources/lead): beside the calls it reads, for the same role.
        // Vert.x matches "/rules/" to this route too: only the bare path is sent on.
        management.router().get(PAGE).handler(rc -> {
            if (rc.request().path().equals(PAGE)) {
                rc.redirect(PAGE + "/");
            } else {
                rc.next();
            }
        });
        management.router().route(PAGE + "/*").handler(io.vertx.ext.web.handler.StaticHandler.create("lead")
                .setCachingEnabled(false).setIncludeHidden(false).setDirectoryListing(false));
        management.router().get(RULES).handler(rc -> send(rc, 200, rules()));
        management.router().get(RULES + "/traceability").handler(rc -> send(rc, 200, traceability()));
        // A reload takes about a second: off the event loop, and not ordered, so that concurrent requests
        // reach the holder, which runs them as one.
        management.router().post(RULES + "/reload").blockingHandler(rc -> {
            ReloadOutcome outcome = holder.reload("POST " + RULES + "/reload", caller(rc));
            send(rc, outcome.accepted() ? 200 : 422, new ReloadView(outcome.accepted() ? "ACCEPTED" : "REJECTED",
                    outcome.activeVersion(), outcome.rejection()));
        }, false);
    }

    /** The signed-in user behind a management call (the route's policy has already authenticated it). */
    static String caller(RoutingContext rc) {
        return rc.user() instanceof QuarkusHttpUser user
                ? AuditLog.callerOf(user.getSecurityIdentity().getPrincipal()) : AuditLog.callerOf(null);
    }

    RuleSetView rules() {
        RuleBase rb = holder.current();
        return new RuleSetView(rb.version(), rb.loadedAt(), holder.rulesDir(), holder.watching(), holder.reloading(),
                rb.rules().size(), rb.rules(), rb.parameters(), holder.lastRejection(), holder.lastCandidate());
    }

    List<TraceView> traceability() {
        RuleBase rb = holder.current();
        Map<String, List<RuleInfo>> bySpecId = new TreeMap<>();
        for (RuleInfo r : rb.rules()) {
            bySpecId.computeIfAbsent(r.specId(), k -> new java.util.ArrayList<>()).add(r);
        }
        return bySpecId.entrySet().stream().map(e -> {
            Set<String> scenarios = new TreeSet<>();
            e.getValue().forEach(r -> scenarios.addAll(rb.scenariosByRuleId().getOrDefault(r.id(), Set.of())));
            return new TraceView(e.getKey(), e.getValue(), scenarios);
        }).toList();
    }

    private void send(RoutingContext rc, int status, Object body) {
        send(rc, json, status, body, "application/json");
    }

    /** A management route's answer as JSON (or problem+json); shared by the routes of this package. */
    static void send(RoutingContext rc, ObjectMapper json, int status, Object body, String type) {
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", type).end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
