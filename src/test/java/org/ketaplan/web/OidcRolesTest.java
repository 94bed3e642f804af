package org.ketaplan.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.ketaplan.audit.AuditLog;
import org.ketaplan.audit.AuditStore;
import org.ketaplan.ehr.cdshooks.CdsHooksTest;
import org.ketaplan.plan.Requests;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Users from an OpenID Connect provider, with real RS256 tokens signed by the test's own key and verified by
 * quarkus-oidc: roles come from the token's groups (or Keycloak's realm roles, or a site's group mapped onto a
 * role), the audit record names the user, and any token that is expired, foreign, for another audience or from
 * another issuer is refused.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
class OidcRolesTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    AuditLog audit;

    @Inject
    AuditStore store;

    static String token(RSAKey key, String issuer, String audience, Instant expires, Map<String, Object> claims) {
        try {
            JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer).audience(audience)
                    .subject("8f2c1e0a-user").issueTime(new Date()).expirationTime(Date.from(expires));
            claims.forEach(b::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), b.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String user(String name, String... groups) {
        return token(OidcProfile.KEY, OidcProfile.ISSUER, OidcProfile.AUDIENCE, Instant.now().plusSeconds(300),
                Map.of("preferred_username", name, "groups", List.of(groups)));
    }

    private RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private RequestSpecification ops(String token) {
        return bearer(token).baseUri("http://" + management.getHost()).port(management.getPort());
    }

    private int plan(String token) {
        return bearer(token).contentType(ContentType.JSON).body(Requests.complete().toString())
                .post("/api/v1/plans").statusCode();
    }

    @Test
    void aClinicianIsPlannedForAndNamedInTheAuditRecord() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        var r = bearer(user("dr-okafor", "clinician")).contentType(ContentType.JSON)
                .body(Requests.complete().toString()).post("/api/v1/plans");
        assertThat(r.statusCode()).isEqualTo(200);
        String planId = r.jsonPath().getString("planId");
        assertThat(audit.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(store.plans(start, Instant.now().plusSeconds(1), planId, 0, 1))
                .singleElement().satisfies(row -> assertThat(row.caller()).isEqualTo("dr-okafor"));
        assertThat(bearer(user("dr-okafor", "clinician")).get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void eachRoleReachesOnlyItsOwnCalls() {
        String clinician = user("dr-okafor", "clinician");
        String lead = user("lead-ito", "clinical-lead");
        String auditor = user("auditor-ruiz", "auditor");
        assertThat(plan(lead)).isEqualTo(403);
        assertThat(plan(auditor)).isEqualTo(403);
        assertThat(ops(lead).get("/api/v1/rules").statusCode()).isEqualTo(200);
        assertThat(ops(clinician).get("/api/v1/rules").statusCode()).isEqualTo(403);
        assertThat(ops(auditor).post("/api/v1/rules/reload").statusCode()).isEqualTo(403);
        assertThat(ops(auditor).get("/api/v1/audit").statusCode()).isEqualTo(200);
        assertThat(ops(lead).get("/api/v1/audit").statusCode()).isEqualTo(403);
        assertThat(ops(clinician).get("/api/v1/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void rolesAlsoComeFromKeycloakRealmRolesAndFromASiteGroupMappedOntoARole() {
        String keycloak = token(OidcProfile.KEY, OidcProfile.ISSUER, OidcProfile.AUDIENCE, Instant.now().plusSeconds(300),
                Map.of("preferred_username", "dr-keycloak", "realm_access", Map.of("roles", List.of("clinician"))));
        assertThat(plan(keycloak)).isEqualTo(200);
        assertThat(plan(user("dr-site", "psychiatry-staff"))).isEqualTo(200);
        assertThat(plan(user("someone", "nurses"))).isEqualTo(403);
    }

    @Test
    void aTokenThatIsExpiredForeignMisaddressedOrFromAnotherIssuerIsRefused() throws Exception {
        Map<String, Object> clinician = Map.of("preferred_username", "dr-okafor", "groups", List.of("clinician"));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        Instant later = Instant.now().plusSeconds(300);
        assertThat(plan(token(OidcProfile.KEY, OidcProfile.ISSUER, OidcProfile.AUDIENCE,
                Instant.now().minusSeconds(600), clinician))).isEqualTo(401);
        assertThat(plan(token(stranger, OidcProfile.ISSUER, OidcProfile.AUDIENCE, later, clinician))).isEqualTo(401);
        assertThat(plan(token(OidcProfile.KEY, OidcProfile.ISSUER, "another-app", later, clinician))).isEqualTo(401);
        assertThat(plan(token(OidcProfile.KEY, "https://idp.elsewhere.example/", OidcProfile.AUDIENCE, later,
                clinician))).isEqualTo(401);
        assertThat(plan("not.a.token")).isEqualTo(401);
        assertThat(given().contentType(ContentType.JSON).body(Requests.complete().toString()).post("/api/v1/plans")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void anEhrJwtIsJudgedByTheCdsHooksRoutesNotAsAUsersToken() {
        assertThat(bearer(CdsHooksTest.token("/cds-services")).get("/cds-services").statusCode()).isEqualTo(200);
        // ...and it signs no user in.
        assertThat(plan(CdsHooksTest.token("/api/v1/plans"))).isEqualTo(401);
    }
}
