package org.ketaplan.ehr.cdshooks;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Verifies the JWT an EHR sends with every CDS Hooks call, in the order the CDS Hooks best practices give:
 * issuer allow-listed, audience equal to the endpoint called, not expired, signed (ES384 or RS384) by a key
 * of that issuer, and the jti never seen before. Any failure is a plain "no"; the reason is for the log
 * only, and never includes the token.
 */
public final class JwtVerifier {

    /** A trusted EHR: its issuer, its public keys, and the jku URLs it may name. */
    public record TrustedIssuer(String issuer, JWKSet keys, Set<String> allowedJku) {
    }

    public record Result(boolean valid, String reason, String issuer, String jti) {
        static Result no(String reason) {
            return new Result(false, reason, null, null);
        }
    }

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
    /** The best practices cap a token's life at an hour; replayed jti are remembered at least that long. */
    private static final long MAX_LIFETIME_SECONDS = 3600;
    /** Tolerance for the EHR's clock against ours, for iat, nbf and the one-hour exp bound. */
    static final long CLOCK_SKEW_SECONDS = 60;

    /**
     * Remembers which tokens were used. {@code firstUse} is true only the first time a key is seen before
     * {@code until}; it may throw when it cannot tell, and the token is then refused.
     */
    public interface ReplayGuard {
        boolean firstUse(String key, Instant until, Instant now) throws Exception;
    }

    private final Map<String, TrustedIssuer> issuers;
    private final Clock clock;
    private final ReplayGuard replays;

    public JwtVerifier(List<TrustedIssuer> issuers, Clock clock) {
        this(issuers, clock, memory());
    }

    /** {@code replays}: shared between replicas (the database) where a token may reach any of them. */
    public JwtVerifier(List<TrustedIssuer> issuers, Clock clock, ReplayGuard replays) {
        this.issuers = new java.util.HashMap<>();
        issuers.forEach(i -> this.issuers.put(i.issuer(), i));
        this.clock = clock;
        this.replays = replays;
    }

    /** One process's memory: enough for one replica. */
    static ReplayGuard memory() {
        Map<String, Instant> seen = new ConcurrentHashMap<>();
        return (key, until, now) -> {
            seen.entrySet().removeIf(e -> e.getValue().isBefore(now));
            return seen.putIfAbsent(key, until) == null;
        };
    }

    public Result verify(String token, String expectedAudience) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Result.no("not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            return Result.no("algorithm is not ES384 or RS384");
        }
        TrustedIssuer trusted = claims.getIssuer() == null ? null : issuers.get(claims.getIssuer());
        if (trusted == null) {
            return Result.no("issuer not allow-listed");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(expectedAudience)) {
            return Result.no("audience is not this endpoint");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.isBefore(exp.toInstant())) {
            return Result.no("expired or without exp");
        }
        if (exp.toInstant().isAfter(now.plusSeconds(MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS))) {
            return Result.no("exp more than an hour ahead");
        }
        if (claims.getIssueTime() == null || claims.getJWTID() == null || claims.getJWTID().isBlank()) {
            return Result.no("iat and a non-empty jti are required");
        }
        // Remembered in a table column of bounded width; real jti are UUIDs or similar.
        if (claims.getJWTID().length() > 200) {
            return Result.no("jti longer than 200 characters");
        }
        if (claims.getIssueTime().toInstant().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
            return Result.no("iat in the future");
        }
        if (claims.getNotBeforeTime() != null
                && claims.getNotBeforeTime().toInstant().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
            return Result.no("not valid yet (nbf)");
        }
        if (header.getJWKURL() != null && !trusted.allowedJku().contains(header.getJWKURL().toString())) {
            return Result.no("jku not allow-listed for this issuer");
        }
        JWK key = header.getKeyID() == null ? null : trusted.keys().getKeyByKeyId(header.getKeyID());
        if (key == null) {
            return Result.no("no key with this kid for the issuer");
        }
        try {
            JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec)
                    : key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : null;
            if (verifier == null || !jwt.verify(verifier)) {
                return Result.no("bad signature");
            }
        } catch (JOSEException e) {
            return Result.no("signature could not be checked");
        }
        String replayKey = claims.getIssuer() + "|" + claims.getJWTID();
        Instant remember = exp.toInstant().isAfter(now.plusSeconds(MAX_LIFETIME_SECONDS)) ? exp.toInstant()
                : now.plusSeconds(MAX_LIFETIME_SECONDS);
        try {
            if (!replays.firstUse(replayKey, remember, now)) {
                return Result.no("jti replayed");
            }
        } catch (Exception e) {
            return Result.no("jti could not be checked for replay (" + e.getClass().getSimpleName() + ")");
        }
        return new Result(true, "ok", claims.getIssuer(), claims.getJWTID());
    }
}
