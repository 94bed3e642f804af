package org.ketaplan.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;

/**
 * The management port (rules, reloads, the audit trail) is reached by a clinical lead's browser, so a page from
 * anywhere else must not be able to act through it, and nobody unauthenticated may make it hold a body in memory.
 * Quarkus gives that port a CORS handler allowing every origin and a body handler that reads every body (up to its
 * limit) before any route or permission runs; neither can be configured away, so both are switched off here and
 * replaced: no CORS at all, a state-changing call only from the port's own origin (or from a client that sends no
 * Origin: curl, the check command), and bodies read only after the route's permission has authenticated the caller,
 * bounded per route and in time.
 */
@ApplicationScoped
public class ManagementGuard {

    /** A body that is not the candidate check's zip: none of the other routes takes more than a few bytes. */
    static final long SMALL_BODY = 64 * 1024;
    /** A body still not complete after this long is a stalled upload: its connection is closed. */
    static final long BODY_READ_MILLIS = 30_000;
    /**
     * After the permission check (Quarkus orders the management port's authentication and authorization filters
     * by their negated priorities, 200 and 100) and before every route of this service.
     */
    static final int BODY_ORDER = -50;

    private static final Logger LOG = Logger.getLogger(ManagementGuard.class);
    private static final List<HttpMethod> SAFE = List.of(HttpMethod.GET, HttpMethod.HEAD);

    private final ObjectMapper json;

    public ManagementGuard(ObjectMapper json) {
        this.json = json;
    }

    /** Before the routes of this package are added, so that nothing of theirs runs ahead of it. */
    void routes(@Observes @Priority(1) ManagementInterface management) {
        Router router = management.router();
        int replaced = 0;
        for (Route route : router.getRoutes()) {
            for (Handler<RoutingContext> h : handlers(route)) {
                if (h instanceof CorsHandler || readsBodies(h)) {
                    route.disable();
                    replaced++;
                }
            }
        }
        // Fail the start rather than serve with a handler this class believes gone (a Quarkus upgrade could move it).
        if (replaced != 2) {
            throw new IllegalStateException("Expected Quarkus's CORS and body handlers on the management port, found "
                    + replaced + ": review ManagementGuard against this Quarkus version.");
        }
        router.route().order(Integer.MIN_VALUE).handler(this::originAndSize);
        BodyHandler candidate = BodyHandler.create(false).setBodyLimit(RuleCandidates.MAX_UPLOAD);
        BodyHandler small = BodyHandler.create(false).setBodyLimit(SMALL_BODY);
        router.route().order(BODY_ORDER).handler(rc -> readBody(rc,
                rc.normalizedPath().equals(RuleCandidates.CHECK) ? candidate : small))
                .failureHandler(this::bodyFailed);
    }

    /** The only calls of this port that change something; none of the others takes a body at all. */
    static final java.util.Set<String> CHANGES = java.util.Set.of(RuleCandidates.CHECK, RulesOperations.RULES + "/reload");

    /**
     * A body the handler refused (over its bound, malformed) is answered as problem+json; an upload its client gave up
     * on has nobody to answer and is no error of the service's. Every other failure goes on to Quarkus's handler.
     */
    private void bodyFailed(RoutingContext rc) {
        if (rc.failure() instanceof io.vertx.core.http.HttpClosedException || rc.response().closed()) {
            LOG.debug("A management upload was abandoned by its client");
        } else if (rc.statusCode() >= 400 && rc.statusCode() < 500 && !rc.response().headWritten()) {
            refuseAndClose(rc, rc.statusCode(), rc.statusCode() == 413 ? "The body is over its limit for this call."
                    : "The body could not be read.");
        } else {
            rc.next();
        }
    }

    /** Refused before authentication or any byte of the body: a call from elsewhere, or a body over its bound. */
    private void originAndSize(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        boolean safe = SAFE.contains(rc.request().method());
        if (rc.request().method() == HttpMethod.OPTIONS && origin != null) {
            refuse(rc, 403, "Cross-origin calls are not accepted on the management port.");
            return;
        }
        if (!safe && !sameOrigin(rc, origin)) {
            refuse(rc, 403, "A change through the management port is accepted only from its own pages or from a "
                    + "client that sends no Origin (curl, the check command).");
            return;
        }
        if (!safe) {
            if (!CHANGES.contains(rc.normalizedPath())) {
                refuseAndClose(rc, 405, "Nothing here takes a " + rc.request().method() + ".");
                return;
            }
            long limit = rc.normalizedPath().equals(RuleCandidates.CHECK) ? RuleCandidates.MAX_UPLOAD : SMALL_BODY;
            String length = rc.request().getHeader("Content-Length");
            if (length != null && (!length.matches("\\d{1,12}") || Long.parseLong(length) > limit)) {
                refuseAndClose(rc, 413, "The body is over " + limit / 1024 + " KiB.");
                return;
            }
            // Held until the permission check is done: bytes arriving meanwhile would find no reader and be lost.
            if (!rc.request().isEnded()) {
                rc.request().pause();
            }
        }
        rc.next();
    }

    /**
     * A browser says where a call comes from in Sec-Fetch-Site, and that decides alone (a TLS proxy in front would make
     * any comparison of Origin with this server's own scheme and host wrong). An older browser sends only Origin: its
     * host and port must be the ones the call was addressed to. A client that sends neither is no browser.
     */
    private static boolean sameOrigin(RoutingContext rc, String origin) {
        String site = rc.request().getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none");
        }
        if (origin == null) {
            return true;
        }
        try {
            java.net.URI o = java.net.URI.create(origin.strip());
            var authority = rc.request().authority();
            if (o.getHost() == null || authority == null) {
                return false;
            }
            int originPort = o.getPort() != -1 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            int ownPort = authority.port() > 0 ? authority.port() : originPort;
            return o.getHost().equalsIgnoreCase(authority.host()) && originPort == ownPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void readBody(RoutingContext rc, BodyHandler handler) {
        if (SAFE.contains(rc.request().method())) {
            rc.next();
            return;
        }
        long timer = rc.vertx().setTimer(BODY_READ_MILLIS, t -> {
            if (!rc.request().isEnded()) {
                LOG.debug("A management upload stalled: its connection is closed");
                rc.request().connection().close();
            }
        });
        rc.addEndHandler(v -> rc.vertx().cancelTimer(timer));
        // Vert.x's body handler resumes the request held in originAndSize once it reads.
        handler.handle(rc);
    }

    /** Refused with its body unread: the connection is closed after the answer, so nothing more is taken from it. */
    private void refuseAndClose(RoutingContext rc, int status, String detail) {
        rc.response().putHeader("Connection", "close");
        rc.addEndHandler(v -> {
            if (rc.request().connection() != null) {
                rc.request().connection().close();
            }
        });
        refuse(rc, status, detail);
    }

    private void refuse(RoutingContext rc, int status, String detail) {
        RulesOperations.send(rc, json, status, Map.of("type", "about:blank", "status", status, "detail", detail,
                "title", status == 413 ? "Payload Too Large" : status == 405 ? "Method Not Allowed"
                        : status == 403 ? "Forbidden" : "Bad Request"), "application/problem+json");
    }

    /** The handlers of a route: Vert.x keeps them in its package-private state. */
    @SuppressWarnings("unchecked")
    private static List<Handler<RoutingContext>> handlers(Route route) {
        try {
            Method state = route.getClass().getDeclaredMethod("state");
            state.setAccessible(true);
            Object s = state.invoke(route);
            Method handlers = s.getClass().getMethod("getContextHandlers");
            handlers.setAccessible(true);
            List<Handler<RoutingContext>> list = (List<Handler<RoutingContext>>) handlers.invoke(s);
            return list == null ? List.of() : new ArrayList<>(list);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the management port's routes: review ManagementGuard", e);
        }
    }

    /** Quarkus wraps Vert.x's body handler in a class of its own that holds it in a field. */
    private static boolean readsBodies(Handler<RoutingContext> h) {
        if (h instanceof BodyHandler) {
            return true;
        }
        for (var f : h.getClass().getDeclaredFields()) {
            if (BodyHandler.class.isAssignableFrom(f.getType())) {
                return true;
            }
        }
        return false;
    }
}
