package org.ketaplan.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Wrong passwords leave a trace and slow a guesser down: each failed sign-in is counted and logged (the address it came
 * from, never the name or password tried), and an address with {@link #LIMIT} failures (or {@link #LIMIT_SETTING}) within a minute is answered
 * 429 on both ports until that minute is over, before any credential is checked. A clinician who mistypes a few
 * times is not affected; 1,500 guesses a second become ten a minute.
 */
@ApplicationScoped
public class SignInFailures {

    static final int LIMIT = 10;
    /** The setting that changes {@link #LIMIT} (tests that sign in wrongly on purpose raise it). */
    static final String LIMIT_SETTING = "ketaplan.security.failed-sign-ins-per-minute";
    static final long WINDOW_MILLIS = 60_000;
    /** Ahead of authentication (Quarkus orders it at -200), so that a refused guess costs no password hash. */
    static final int ORDER = -250;
    /** Addresses remembered at once: beyond it, the oldest windows are forgotten first (a bound on memory). */
    static final int MAX_ADDRESSES = 10_000;

    private static final Logger LOG = Logger.getLogger(SignInFailures.class);

    private record Window(long start, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Counter failures;
    private final int limit;

    public SignInFailures(MeterRegistry registry,
                          @org.eclipse.microprofile.config.inject.ConfigProperty(name = LIMIT_SETTING,
                                  defaultValue = "" + LIMIT) int limit) {
        this.limit = limit;
        this.failures = Counter.builder("ketaplan.signin.failures").description("Failed sign-ins (wrong credentials)")
                .register(registry);
    }

    void onFailure(@Observes AuthenticationFailureEvent event) {
        if (!(event.getAuthenticationFailure() instanceof AuthenticationFailedException)) {
            return;
        }
        // Quarkus's HTTP authenticator names the request's context by its class (HttpAuthenticator).
        Object context = event.getEventProperties().get(RoutingContext.class.getName());
        String address = context instanceof RoutingContext rc ? address(rc) : "unknown";
        long now = System.currentTimeMillis();
        Window w = windows.compute(address, (k, old) -> old == null || now - old.start() > WINDOW_MILLIS
                ? new Window(now, 1) : new Window(old.start(), old.failures() + 1));
        failures.increment();
        if (w.failures() <= limit) {
            LOG.warnf("Failed sign-in from %s (%d in this minute%s)", address, w.failures(),
                    w.failures() == limit ? "; further attempts from it are refused until the minute is over" : "");
        }
        if (windows.size() > MAX_ADDRESSES) {
            windows.entrySet().removeIf(e -> now - e.getValue().start() > WINDOW_MILLIS);
        }
    }

    void publicRoutes(@Observes Router router) {
        router.route().order(ORDER).handler(this::gate);
    }

    void managementRoutes(@Observes ManagementInterface management) {
        management.router().route().order(ORDER).handler(this::gate);
    }

    private void gate(RoutingContext rc) {
        Window w = windows.get(address(rc));
        long now = System.currentTimeMillis();
        if (w != null && w.failures() >= limit && now - w.start() <= WINDOW_MILLIS) {
            long wait = Math.max(1, (w.start() + WINDOW_MILLIS - now) / 1000);
            rc.response().setStatusCode(429).putHeader("Retry-After", Long.toString(wait))
                    .putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                            + "\"detail\":\"Too many failed sign-ins from this address: try again in " + wait + " s.\"}");
            return;
        }
        rc.next();
    }

    private static String address(RoutingContext rc) {
        var remote = rc.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
