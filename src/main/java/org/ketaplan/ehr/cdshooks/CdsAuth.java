package org.ketaplan.ehr.cdshooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Every call under /cds-services needs a JWT from an allow-listed EHR whose audience is the exact URL
 * called; otherwise 401 with no detail. The reason goes to the log with the issuer, never the token.
 */
@ApplicationScoped
public class CdsAuth {

    private static final Logger LOG = Logger.getLogger(CdsAuth.class);

    private final CdsConfig config;
    private final JwtVerifier verifier;

    private final CdsCaller caller;

    public CdsAuth(CdsConfig config, CdsCaller caller, org.ketaplan.audit.SharedState shared) {
        this.caller = caller;
        this.config = config;
        List<JwtVerifier.TrustedIssuer> trusted = new ArrayList<>();
        config.issuers().forEach((name, i) -> trusted.add(new JwtVerifier.TrustedIssuer(i.iss(), keys(name, i.jwks()),
                new HashSet<>(i.jku().orElse(List.of())))));
        // Used tokens are remembered in the database every replica shares: a token replayed to another is refused.
        this.verifier = new JwtVerifier(trusted, Clock.systemUTC(), shared::firstUse);
        if (config.allowUnsigned()) {
            LOG.warn("CDS Hooks calls without a JWT are accepted (ketaplan.cds.allow-unsigned=true): development only;"
                    + " a call that sends a JWT is still checked");
        }
    }

    private static JWKSet keys(String name, String jwks) {
        try {
            String text = jwks.trim().startsWith("{") ? jwks : Files.readString(Path.of(jwks));
            return JWKSet.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWK Set of trusted EHR " + name, e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the JWK Set of trusted EHR " + name + " is not valid JSON Web Keys", e);
        }
    }

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String header = request.getHeaderString("Authorization");
        // allow-unsigned lets a sandbox call without any token; a call that sends one is always checked, so that an
        // integrator rehearsing signed calls in dev (scripts/EhrToken.java) sees a bad signature refused.
        if (!path.startsWith("/cds-services") || "OPTIONS".equals(request.getMethod())
                || (config.allowUnsigned() && header == null)) {
            return null;
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            LOG.info("CDS call rejected: no bearer token");
            return Response.status(401).header("WWW-Authenticate", "Bearer realm=\"cds-services\"").build();
        }
        String base = config.baseUrl().orElseGet(() -> {
            var uri = request.getUriInfo().getBaseUri();
            return uri.getScheme() + "://" + uri.getAuthority();
        });
        String audience = stripSlash(base) + path;
        JwtVerifier.Result result = verifier.verify(header.substring(7).trim(), audience);
        if (!result.valid()) {
            LOG.infof("CDS call rejected: %s", result.reason());
            return Response.status(401)
                    .header("WWW-Authenticate", "Bearer realm=\"cds-services\", error=\"invalid_token\"").build();
        }
        caller.verified(result.issuer());
        return null;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
