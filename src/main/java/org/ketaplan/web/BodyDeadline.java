package org.ketaplan.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A body on the public port must arrive whole within {@link #MILLIS}: otherwise its connection is closed. The idle
 * timeout restarts at every byte and the read timeout bounds only blocking stream reads, so a client sending a byte
 * every few seconds would otherwise hold its request, and on a blocking route a worker thread, for as long as it liked.
 */
@ApplicationScoped
public class BodyDeadline {

    static final long MILLIS = 30_000;
    /** Before anything reads the body (Quarkus's CORS and security filters are at -300 and after). */
    static final int ORDER = -400;

    private static final Logger LOG = Logger.getLogger(BodyDeadline.class);

    void routes(@Observes Router router) {
        router.route().order(ORDER).handler(BodyDeadline::arm);
    }

    static void arm(RoutingContext rc) {
        HttpMethod m = rc.request().method();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS || rc.request().isEnded()) {
            rc.next();
            return;
        }
        long timer = rc.vertx().setTimer(MILLIS, t -> {
            if (!rc.request().isEnded() && rc.request().connection() != null) {
                LOG.debug("A request body was not complete in time: its connection is closed");
                rc.request().connection().close();
            }
        });
        rc.addEndHandler(v -> rc.vertx().cancelTimer(timer));
        rc.next();
    }
}
