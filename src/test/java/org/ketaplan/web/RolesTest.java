package org.ketaplan.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.plan.Requests;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may do what, through the real Basic authentication and the real properties realm with the local users dev
 * and test start with: clinicians plan, clinical leads run the rule set, auditors read the trail, and nobody
 * unnamed does any of it. Probes and metrics stay open on the management port; the CDS Hooks routes answer to the
 * EHR's own JWT (CdsHooksTest calls them without any user).
 */
@QuarkusTest
class RolesTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private RequestSpecification as(String who, String port) {
        RequestSpecification spec = switch (who) {
            case "nobody" -> given();
            case "wrong-password" -> given().auth().preemptive().basic(SignedIn.CLINICIAN, "not-the-password");
            default -> SignedIn.as(who);
        };
        return port.equals("management")
                ? spec.baseUri("http://" + management.getHost()).port(management.getPort()) : spec;
    }

    @ParameterizedTest(name = "{0} port: {1} {2} as {3} -> {4}")
    @CsvSource({
            // The page and what it calls: clinicians only.
            "public, GET, /, clinician, 200",
            "public, GET, /, nobody, 401",
            "public, GET, /, wrong-password, 401",
            "public, GET, /, lead, 403",
            "public, GET, /, auditor, 403",
            "public, GET, /api/v1/wording, clinician, 200",
            "public, GET, /api/v1/wording, nobody, 401",
            "public, GET, /api/v1/rules, clinician, 200",
            "public, GET, /api/v1/rules, auditor, 403",
            "public, GET, /api/v1/drafts/AAAAAAAAAAAAAAAAAAAAAA, clinician, 404",
            "public, GET, /api/v1/drafts/AAAAAAAAAAAAAAAAAAAAAA, nobody, 401",
            "public, GET, /api/v1/drafts/AAAAAAAAAAAAAAAAAAAAAA, auditor, 403",
            // The rule set: clinical leads.
            "management, GET, /api/v1/rules, lead, 200",
            "management, GET, /api/v1/rules/traceability, lead, 200",
            "management, GET, /api/v1/rules, clinician, 403",
            "management, GET, /api/v1/rules/traceability, auditor, 403",
            "management, POST, /api/v1/rules/reload, clinician, 403",
            "management, POST, /api/v1/rules/reload, auditor, 403",
            "management, POST, /api/v1/rules/reload, nobody, 401",
            "management, GET, /api/v1/rules, nobody, 401",
            // The audit trail: auditors.
            "management, GET, /api/v1/audit, auditor, 200",
            "management, GET, /api/v1/audit/reloads, auditor, 200",
            "management, GET, /api/v1/audit/feedback, auditor, 200",
            "management, GET, /api/v1/audit, lead, 403",
            "management, GET, /api/v1/audit, clinician, 403",
            "management, GET, /api/v1/audit/feedback, clinician, 403",
            "management, GET, /api/v1/audit, nobody, 401",
            // Probes and scrapers carry no patient data and have no user.
            "management, GET, /q/health/ready, nobody, 200",
            "management, GET, /q/metrics, nobody, 200",
            "management, GET, /q/openapi, nobody, 200",
            // The clinical lead's page and the override analytics: clinical leads.
            "management, GET, /rules/, lead, 200",
            "management, GET, /rules/, clinician, 403",
            "management, GET, /rules/lead.js, nobody, 401",
            "management, GET, /api/v1/analytics/rules, lead, 200",
            "management, GET, /api/v1/analytics/rules, auditor, 403",
            "management, POST, /api/v1/rules/check, clinician, 403",
            // Anything else on the management port is refused, whoever asks.
            "management, GET, /api/v1/wording, lead, 403",
    })
    void eachRoleReachesOnlyItsOwnCalls(String port, String method, String path, String who, int expected) {
        assertThat(as(who, port).request(method, path).statusCode()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "POST {0} as {1} -> {2}")
    @CsvSource({"/api/v1/plans, clinician, 200", "/api/v1/plans, nobody, 401", "/api/v1/plans, lead, 403",
            "/api/v1/plans, auditor, 403", "/api/v1/plans/fhir, nobody, 401", "/api/v1/plans/fhir, auditor, 403"})
    void onlyCliniciansArePlannedFor(String path, String who, int expected) {
        String body = path.endsWith("fhir") ? "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}"
                : Requests.complete().toString();
        RequestSpecification spec = as(who, "public").contentType(path.endsWith("fhir")
                ? "application/fhir+json" : ContentType.JSON.toString()).body(body);
        assertThat(spec.post(path).statusCode()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aRefusalSaysHowToSignInAndNothingElse() {
        var r = given().get("/api/v1/wording");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWithIgnoringCase("basic").contains("realm=\"Ketaplan\"");
        assertThat(r.asString()).doesNotContain("Exception").doesNotContain("clinician");
    }
}
