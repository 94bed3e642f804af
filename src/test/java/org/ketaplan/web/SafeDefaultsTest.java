package org.ketaplan.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The defaults a security review asked for (issue 29), through the real HTTP stack: a page elsewhere cannot act
 * through the clinical lead's browser on the management port, nobody unauthenticated makes it hold a body, CORS is
 * answered on /cds-services only, the signed-in page is never kept by a shared cache, and refused paths cannot crowd
 * the request metrics.
 */
@QuarkusTest
class SafeDefaultsTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @TestHTTPResource("/")
    URL publicPort;

    RequestSpecification ops(RequestSpecification spec) {
        return spec.baseUri("http://" + management.getHost()).port(management.getPort());
    }

    @Test
    void theManagementPortAnswersNoCors() {
        ops(given()).header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/rules/reload")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        ops(SignedIn.asLead()).header("Origin", "https://evil.example").get("/api/v1/rules")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    /** The attack the review showed: a form a page elsewhere submits, with the lead's browser signed in. */
    @Test
    void aChangeFromAnotherSitesPageIsRefused() {
        for (String origin : new String[] {"https://evil.example", "null"}) {
            ops(SignedIn.asLead()).header("Origin", origin).contentType("application/x-www-form-urlencoded")
                    .body("x=1").post("/api/v1/rules/reload")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        ops(SignedIn.asLead()).header("Sec-Fetch-Site", "cross-site").post("/api/v1/rules/reload").then().statusCode(403);
        String own = "http://" + management.getHost() + ":" + management.getPort();
        ops(SignedIn.asLead()).header("Origin", own).header("Sec-Fetch-Site", "same-origin")
                .post("/api/v1/rules/reload").then().statusCode(200);
    }

    /**
     * An unauthenticated upload that announces a megabyte and sends ten bytes is answered at once: the body is never
     * waited for (Quarkus's own body handler read it all before any permission ran).
     */
    @Test
    void anUnauthenticatedUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        assertThat(statusOfPartialUpload("POST /api/v1/rules/check", "", "application/zip", 1_000_000, "0123456789"))
                .startsWith("HTTP/1.1 401");
    }

    /** The probes' paths are open to anyone, and take no body: a POST there is refused unread. */
    @Test
    void aPostWherePermittedWithoutSignInIsRefusedUnread() throws Exception {
        assertThat(statusOfPartialUpload("POST /q/health", "", "application/json", 60_000, "{"))
                .startsWith("HTTP/1.1 405");
    }

    /** Signed in, a route other than the candidate check takes no large body, refused on its declared length. */
    @Test
    void aLargeBodyIsRefusedOnItsDeclaredLength() throws Exception {
        String lead = Base64.getEncoder().encodeToString("lead:lead".getBytes(StandardCharsets.UTF_8));
        assertThat(statusOfPartialUpload("POST /api/v1/rules/reload", "Authorization: Basic " + lead + "\r\n",
                "application/json", 2_000_000, "{")).startsWith("HTTP/1.1 413");
    }

    /**
     * The status line the management port answers to an upload that announces {@code length} bytes and sends only
     * {@code start}: an answer that waited for the rest would not come within the socket's timeout.
     */
    private String statusOfPartialUpload(String requestLine, String headers, String type, int length, String start)
            throws java.io.IOException {
        try (Socket socket = new Socket(management.getHost(), management.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: " + management.getHost() + "\r\n" + headers
                    + "Content-Type: " + type + "\r\nContent-Length: " + length + "\r\n\r\n" + start)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return statusLine(socket.getInputStream());
        }
    }

    @Test
    void corsIsAnsweredForTheCdsServicesOnly() {
        given().header("Origin", "https://sandbox.cds-hooks.org").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/cds-services/ketamine-plan")
                .then().header("Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org");
        given().header("Origin", "https://sandbox.cds-hooks.org").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/plans")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/cds-services/ketamine-plan")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theSignedInPageIsNeverKeptByASharedCache() {
        for (String path : new String[] {"/", "/index.html", "/app.js", "/app.css"}) {
            String cache = SignedIn.asClinician().get(path).then().statusCode(200).extract().header("Cache-Control");
            assertThat(cache).as(path).contains("private").contains("no-cache").doesNotContain("public")
                    .doesNotContain("immutable");
        }
    }

    /** Sixty refused paths of their own would fill the registry's tag cap; they share one series. */
    @Test
    void refusedPathsShareOneMetricSeries() {
        for (int i = 0; i < 60; i++) {
            given().get("//probe-" + i);
            given().get("/no-such-path-" + i);
        }
        SignedIn.asClinician().get("/api/v1/wording").then().statusCode(200);
        String metrics = ops(given()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain("probe-").doesNotContain("no-such-path-");
        assertThat(metrics).contains("uri=\"/api/v1/wording\"");
    }

    /** Every route of every resource has its own series: none is counted as UNMATCHED. */
    @Test
    void everyResourceRouteIsAKnownMetricUri() {
        for (Class<?> resource : java.util.List.of(PlanResource.class, FeedbackResource.class, DraftResource.class,
                RulesResource.class, WordingResource.class, org.ketaplan.ehr.cdshooks.CdsResource.class,
                org.ketaplan.ehr.fhir.FhirPlanResource.class)) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            assertThat(MetricUris.ROUTES).as(resource.getSimpleName()).contains(base);
            for (var m : resource.getDeclaredMethods()) {
                var p = m.getAnnotation(jakarta.ws.rs.Path.class);
                if (p != null) {
                    assertThat(MetricUris.ROUTES).contains(base + (p.value().startsWith("/") ? "" : "/") + p.value());
                }
            }
        }
    }

    @Test
    void anAuditQueryOutOfRangeOrWithAParameterItIgnoresIs400() {
        ops(SignedIn.asAuditor()).queryParam("to", "+50000-01-01T00:00:00Z").get("/api/v1/audit")
                .then().statusCode(400).body("violations.field", hasItem("to"));
        for (String path : new String[] {"/api/v1/audit/feedback", "/api/v1/audit/reloads"}) {
            ops(SignedIn.asAuditor()).queryParam("planId", "8881f193-fb03-4f13-b12d-6b0daee959a9").get(path)
                    .then().statusCode(400).body("violations.field", hasItem("planId"));
        }
    }

    private static String statusLine(InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }
}
