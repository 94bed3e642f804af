package org.ketaplan.ehr.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** JWT checks against the CDS Hooks 2.0 specification's own ES384 example, with a fixed clock. */
class JwtVerifierTest {

    /** From the CDS Hooks 2.0.1 specification, "Security and Safety" example (exp 2015-01-29). */
    static final String SPEC_JWT = "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImV4YW1wbGUta2lkIiwiamt1IjoiaHR0cHM6Ly9maGlyLWVoci5leGFtcGxlLmNvbS9qd2tfdXJpIn0"
            + ".eyJpc3MiOiJodHRwczovL2ZoaXItZWhyLmV4YW1wbGUuY29tLyIsImF1ZCI6Imh0dHBzOi8vY2RzLmV4YW1wbGUub3JnL2Nkcy1zZXJ2aWNlcy9zb21lLXNlcnZpY2UiLCJleHAiOjE0MjI1Njg4NjAsImlhdCI6MTMxMTI4MDk3MCwianRpIjoiZWUyMmIwMjEtZTFiNy00NjExLWJhNWItOGVlYzZhMzNhYzFlIiwidGVuYW50IjoiMmRkZDZjM2EtOGU5YS00NGM2LWEzMDUtNTIxMTFhZDMwMmEyIn0"
            + ".d1WfLjGRKlcWB94l9do4cM8REXeYJLL6SGUBO8VHZhfM8mwKYP70EMxJ67War4TQblEpaQrp11wx5p7oPFm2ETYgCicS84vXWEIYTdjooZdooCSDf2L8-i4awdoUwiEb";
    static final String SPEC_JWKS = """
            {"keys":[{"kty":"EC","use":"sig","crv":"P-384","kid":"example-kid",
              "x":"46SDH7Znh821wblCBglA61sNE9ZrHYKKt3qRtRTmSXyOI_FIGBLWrWa0GPUkDCEk",
              "y":"XMcRuuoGW7CXjQdy-F5i3FeBE0x9hPLdeFdSoDd3ELmx404tLX0VRRcqzAsPhXcI","alg":"ES384"}]}""";
    static final String SPEC_ISS = "https://fhir-ehr.example.com/";
    static final String SPEC_AUD = "https://cds.example.org/cds-services/some-service";
    static final String SPEC_JKU = "https://fhir-ehr.example.com/jwk_uri";
    static final Clock BEFORE_EXPIRY = Clock.fixed(Instant.parse("2015-01-01T00:00:00Z"), ZoneOffset.UTC);
    /** Within the spec token's last hour: a token valid for longer than an hour is refused (best practices). */
    static final Clock SPEC_CLOCK = Clock.fixed(Instant.parse("2015-01-29T21:30:00Z"), ZoneOffset.UTC);

    static JwtVerifier specVerifier(Clock clock) throws Exception {
        return new JwtVerifier(List.of(new JwtVerifier.TrustedIssuer(SPEC_ISS, JWKSet.parse(SPEC_JWKS), Set.of(SPEC_JKU))), clock);
    }

    @Test
    void specExampleTokenIsValidBeforeItsExpiry() throws Exception {
        JwtVerifier.Result r = specVerifier(SPEC_CLOCK).verify(SPEC_JWT, SPEC_AUD);
        assertThat(r.valid()).as(r.reason()).isTrue();
        assertThat(r.jti()).isEqualTo("ee22b021-e1b7-4611-ba5b-8eec6a33ac1e");
    }

    @Test
    void wrongAudienceIsRejected() throws Exception {
        assertThat(specVerifier(SPEC_CLOCK).verify(SPEC_JWT, "https://cds.example.org/cds-services/other").valid()).isFalse();
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        Clock after = Clock.fixed(Instant.parse("2015-01-29T22:01:00Z"), ZoneOffset.UTC);
        JwtVerifier.Result r = specVerifier(after).verify(SPEC_JWT, SPEC_AUD);
        assertThat(r.valid()).isFalse();
        assertThat(r.reason()).contains("expired");
    }

    @Test
    void replayedJtiIsRejected() throws Exception {
        JwtVerifier verifier = specVerifier(SPEC_CLOCK);
        assertThat(verifier.verify(SPEC_JWT, SPEC_AUD).valid()).isTrue();
        JwtVerifier.Result second = verifier.verify(SPEC_JWT, SPEC_AUD);
        assertThat(second.valid()).isFalse();
        assertThat(second.reason()).contains("replayed");
    }

    @Test
    void issuerNotOnTheAllowListIsRejected() throws Exception {
        JwtVerifier verifier = new JwtVerifier(List.of(new JwtVerifier.TrustedIssuer("https://other-ehr.example.com/",
                JWKSet.parse(SPEC_JWKS), Set.of())), SPEC_CLOCK);
        assertThat(verifier.verify(SPEC_JWT, SPEC_AUD).reason()).contains("issuer");
    }

    @Test
    void jkuNotOnTheAllowListIsRejected() throws Exception {
        JwtVerifier verifier = new JwtVerifier(List.of(new JwtVerifier.TrustedIssuer(SPEC_ISS, JWKSet.parse(SPEC_JWKS),
                Set.of("https://elsewhere.example.com/jwks"))), SPEC_CLOCK);
        assertThat(verifier.verify(SPEC_JWT, SPEC_AUD).reason()).contains("jku");
    }

    @Test
    void tokenSignedByAnotherKeyIsRejected() throws Exception {
        ECKey other = new ECKeyGenerator(Curve.P_384).keyID("example-kid").generate();
        SignedJWT forged = sign(other, JWSAlgorithm.ES384, SPEC_ISS, SPEC_AUD, "forged-1");
        assertThat(specVerifier(BEFORE_EXPIRY).verify(forged.serialize(), SPEC_AUD).reason()).contains("signature");
    }

    @Test
    void symmetricAlgorithmsAreRejected() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("example-kid").build(),
                claims(SPEC_ISS, SPEC_AUD, "hmac-1"));
        hmac.sign(new MACSigner(new byte[32]));
        assertThat(specVerifier(BEFORE_EXPIRY).verify(hmac.serialize(), SPEC_AUD).reason()).contains("algorithm");
    }

    @Test
    void specTokenValidForFourWeeksIsRejectedWhileMoreThanAnHourFromExpiry() throws Exception {
        assertThat(specVerifier(BEFORE_EXPIRY).verify(SPEC_JWT, SPEC_AUD).reason()).contains("more than an hour");
    }

    /** Times relative to NOW: each case was accepted by the first version (a probe sent them). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}: valid {5}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "a normal token            | 300    | -10    |        | j-1 | true",
            "exp exactly one hour      | 3600   | 0      |        | j-2 | true",
            "exp one hour plus skew    | 3660   | 0      |        | j-3 | true",
            "exp one hour plus 61 s    | 3721   | 0      |        | j-4 | false",
            "exp in ten years          | 315360000 | 0   |        | j-5 | false",
            "iat within the clock skew | 300    | 60     |        | j-6 | true",
            "iat in the future         | 300    | 120    |        | j-7 | false",
            "nbf now                   | 300    | 0      | 0      | j-8 | true",
            "nbf tomorrow              | 300    | 0      | 86400  | j-9 | false",
            "an empty jti              | 300    | 0      |        | ''  | false",
            "a blank jti               | 300    | 0      |        | '  ' | false"})
    void lifetimeAndIdentityClaimsAreChecked(String name, long expIn, long iatIn, Long nbfIn, String jti,
                                              boolean valid) throws Exception {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
        JwtVerifier verifier = new JwtVerifier(List.of(new JwtVerifier.TrustedIssuer(SPEC_ISS,
                new JWKSet(key.toPublicJWK()), Set.of())), Clock.fixed(now, ZoneOffset.UTC));
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(SPEC_ISS).audience(SPEC_AUD).jwtID(jti)
                .issueTime(Date.from(now.plusSeconds(iatIn))).expirationTime(Date.from(now.plusSeconds(expIn)));
        if (nbfIn != null) {
            claims.notBeforeTime(Date.from(now.plusSeconds(nbfIn)));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("k1").build(), claims.build());
        jwt.sign(new ECDSASigner(key));
        JwtVerifier.Result r = verifier.verify(jwt.serialize(), SPEC_AUD);
        assertThat(r.valid()).as(r.reason()).isEqualTo(valid);
    }

    @Test
    void garbageIsRejected() throws Exception {
        assertThat(specVerifier(BEFORE_EXPIRY).verify("not-a-token", SPEC_AUD).valid()).isFalse();
    }

    static SignedJWT sign(ECKey key, JWSAlgorithm alg, String iss, String aud, String jti) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims(iss, aud, jti));
        jwt.sign(new ECDSASigner(key));
        return jwt;
    }

    static JWTClaimsSet claims(String iss, String aud, String jti) {
        return new JWTClaimsSet.Builder().issuer(iss).audience(aud).jwtID(jti)
                .issueTime(Date.from(Instant.parse("2014-12-31T23:59:00Z")))
                .expirationTime(Date.from(Instant.parse("2015-01-01T00:05:00Z"))).build();
    }
}
