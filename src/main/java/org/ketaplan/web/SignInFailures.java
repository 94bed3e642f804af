package org.ketaplan.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Wrong passwords leave a trace and slow a guesser down. Each failed sign-in is counted and logged with the address it
 * came from, never the name or password tried (a password typed into the name field would be a secret in the log).
 * A user name with {@link #LIMIT} wrong passwords within a minute has its password sign-ins answered 429 until the
 * minute is over, before any password is checked, from whatever address: counting by address would let a guesser
 * rotate forwarded addresses, and would lock out every clinician behind one clinic's NAT. Nothing else is gated: a
 * signed-in session, an EHR's call, a probe. Tokens from the identity provider are its to limit; their failures are
 * only counted and logged.
 */
@ApplicationScoped
public class SignInFailures {

    static final int LIMIT = 10;
    /** The setting that changes {@link #LIMIT} (tests that sign in wrongly on purpose raise it). */
    static final String LIMIT_SETTING = "ketaplan.security.failed-sign-ins-per-minute";
    static final long WINDOW_MILLIS = 60_000;
    /** Ahead of authentication (Quarkus orders it at -200), so that a refused guess costs no password hash. */
    static final int ORDER = -250;
    /** User names remembered at once; past it, only expired windows make room (a bound on memory). */
    static final int MAX_NAMES = 10_000;

    private static final Logger LOG = Logger.getLogger(SignInFailures.class);

    private record Window(long start, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Counter failures;
    private final int limit;

    public SignInFailures(MeterRegistry registry, @ConfigProperty(name = LIMIT_SETTING, defaultValue = "" + LIMIT) int limit) {
        this.limit = limit;
        this.failures = Counter.builder("ketaplan.signin.failures").description("Failed sign-ins (wrong credentials)")
                .register(registry);
    }

    void onFailure(@Observes AuthenticationFailureEvent event) {
        if (!(event.getAuthenticationFailure() instanceof AuthenticationFailedException)) {
            return;
        }
        failures.increment();
        // Quarkus's HTTP authenticator names the request's context by its class (HttpAuthenticator).
        Object context = event.getEventProperties().get(RoutingContext.class.getName());
        RoutingContext rc = context instanceof RoutingContext r ? r : null;
        String address = rc == null ? "unknown" : address(rc);
        String name = rc == null ? null : basicName(rc);
        if (name == null) {
            LOG.warnf("Failed sign-in from %s (a token or session)", address);
            return;
        }
        long now = System.currentTimeMillis();
        if (windows.size() >= MAX_NAMES) {
            windows.entrySet().removeIf(e -> now - e.getValue().start() > WINDOW_MILLIS);
        }
        Window w = windows.size() >= MAX_NAMES && !windows.containsKey(name) ? null
                : windows.compute(name, (k, old) -> old == null || now - old.start() > WINDOW_MILLIS
                        ? new Window(now, 1) : new Window(old.start(), old.failures() + 1));
        int n = w == null ? 0 : w.failures();
        if (n <= limit) {
            LOG.warnf("Failed sign-in from %s (%d for that user name in this minute%s)", address, n,
                    n == limit ? "; its password sign-ins are refused until the minute is over" : "");
        }
    }

    void publicRoutes(@Observes Router router) {
        router.route().order(ORDER).handler(this::gate);
    }

    void managementRoutes(@Observes ManagementInterface management) {
        management.router().route().order(ORDER).handler(this::gate);
    }

    private void gate(RoutingContext rc) {
        String name = basicName(rc);
        Window w = name == null ? null : windows.get(name);
        long now = System.currentTimeMillis();
        if (w != null && w.failures() >= limit && now - w.start() <= WINDOW_MILLIS) {
            long wait = Math.max(1, (w.start() + WINDOW_MILLIS - now) / 1000);
            rc.response().setStatusCode(429).putHeader("Retry-After", Long.toString(wait))
                    .putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                            + "\"detail\":\"Too many wrong passwords for this user: try again in " + wait + " s.\"}");
            return;
        }
        rc.next();
    }

    /** The user name of a Basic sign-in, or null for anything else (a token, a session, nothing, a malformed header). */
    static String basicName(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        if (header == null || header.length() > 4096 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String address(RoutingContext rc) {
        var remote = rc.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
