package org.ketaplan.web;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * The request metrics' {@code uri} tag names one of this service's routes or says UNMATCHED. Any other path, even a
 * refused one (a path beginning with "//" escapes the route templates), would open a series of its own: a few dozen
 * requests filled the registry's tag cap, after which the real routes went unrecorded.
 */
@Singleton
public class MetricUris {

    static final String UNMATCHED = "UNMATCHED";
    /** The clinical lead's page and its files, one series. */
    static final String LEAD_PAGE = RulesOperations.PAGE + "/*";

    static final Set<String> ROUTES = routes();

    @Produces
    @Singleton
    MeterFilter uriTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag("uri");
                if (!id.getName().startsWith("http.server") || uri == null) {
                    return id;
                }
                String known = known(uri);
                return known.equals(uri) ? id : id.replaceTags(id.getTags().stream()
                        .map(t -> t.getKey().equals("uri") ? Tag.of("uri", known) : t).toList());
            }
        };
    }

    /** Quarkus's own values (NOT_FOUND, REDIRECTION, root) are not paths and stay. */
    static String known(String uri) {
        if (!uri.startsWith("/") || ROUTES.contains(uri)) {
            return uri;
        }
        return uri.startsWith(RulesOperations.PAGE + "/") ? LEAD_PAGE : UNMATCHED;
    }

    private static Set<String> routes() {
        Set<String> routes = new TreeSet<>(Set.of("/", "/index.html", "/app.js", "/app.css",
                "/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics", "/q/openapi",
                RulesOperations.RULES, RulesOperations.RULES + "/traceability", RulesOperations.RULES + "/reload",
                RuleCandidates.CHECK, RulesOperations.PAGE, AuditOperations.AUDIT, AuditOperations.AUDIT + "/reloads",
                AuditOperations.AUDIT + "/feedback", AuditOperations.ANALYTICS,
                // The EHR rooms' routes, named here because web may not depend on them (SafeDefaultsTest checks
                // that every resource's routes are listed).
                "/cds-services", "/cds-services/{id}", "/cds-services/{id}/feedback", "/api/v1/plans/fhir"));
        for (Class<?> resource : Set.of(PlanResource.class, FeedbackResource.class, DraftResource.class,
                RulesResource.class, WordingResource.class)) {
            String base = resource.getAnnotation(Path.class).value();
            routes.add(base);
            for (Method m : resource.getDeclaredMethods()) {
                Path p = m.getAnnotation(Path.class);
                if (p != null) {
                    routes.add(base + (p.value().startsWith("/") ? "" : "/") + p.value());
                }
            }
        }
        return Set.copyOf(routes);
    }
}
