package org.ketaplan.ehr.cdshooks;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;

/**
 * CORS for the CDS Hooks services only: a browser-based CDS client (the sandbox) calls them with its own bearer
 * token. Every other path of the public port (the clinician page, the plan API, drafts) answers no CORS at all, so a
 * page elsewhere can neither read what a signed-in clinician sees nor send it JSON. Quarkus's own CORS
 * (quarkus.http.cors) applies to every path, hence this route.
 */
@ApplicationScoped
public class CdsCors {

    /** Where Quarkus orders its own CORS filter: ahead of authentication, so that a preflight needs no token. */
    static final int ORDER = -300;

    private final CdsConfig config;

    public CdsCors(CdsConfig config) {
        this.config = config;
    }

    void routes(@Observes Router router) {
        List<String> origins = config.corsOrigins().stream().map(String::strip)
                .filter(o -> !o.isEmpty() && !o.equals("none")).toList();
        // A CorsHandler with no origin allows every origin: "none" means no handler at all.
        if (origins.isEmpty()) {
            return;
        }
        CorsHandler cors = CorsHandler.create()
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
                .allowedHeaders(Set.of("Authorization", "Content-Type"))
                .allowCredentials(false);
        origins.forEach(cors::addOrigin);
        router.route().pathRegex("/cds-services(/.*)?").order(ORDER).handler(cors);
    }
}
