package org.ketaplan.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.plan.Requests;
import org.ketaplan.ruleset.RuleBaseHolder;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Operations live on the management interface; the public port offers nothing that changes or reveals the
 * rule set (the packaged jar's defaults are checked by PublicPortIT).
 */
@QuarkusTest
class OperationsTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    RuleBaseHolder holder;

    RequestSpecification ops() {
        return SignedIn.asLead().baseUri("http://" + management.getHost()).port(management.getPort());
    }

    @Test
    void managementPortListsEveryRuleWithItsEvidenceAndThresholds() {
        ops().get("/api/v1/rules")
                .then().statusCode(200)
                .body("version", matchesPattern("\\d{4}\\.\\d{2}\\.\\d{2}-[0-9a-f]{7}"))
                .body("rules.size()", greaterThan(50))
                .body("rules.id", hasItems("SUI-01a", "CI-09", "RC-01", "DI-01a", "MD-01a", "SEV-01a"))
                .body("rules.file", everyItem(matchesPattern("rules/(.+\\.drl|required-facts\\.csv|modality-choice\\.csv)")))
                .body("rules.find { it.id == 'CI-09' }.sources", hasItem(containsString("Swiss")))
                .body("parameters.name", hasItem("BP_HARD_STOP_SYSTOLIC"));
        ops().get("/api/v1/rules/traceability").then().statusCode(200).body("specId", hasItem("SUI-01"));
    }

    @Test
    void publicPortRevealsOnlyTheRuleSetIdentity() {
        String version = ops().get("/api/v1/rules").then().extract().path("version");
        SignedIn.asClinician().get("/api/v1/rules").then().statusCode(200)
                .body("version", equalTo(version))
                .body("$", not(org.hamcrest.Matchers.hasKey("rules")))
                .body("$", not(org.hamcrest.Matchers.hasKey("parameters")));
        SignedIn.asClinician().contentType(ContentType.JSON).body(Requests.complete().toString()).post("/api/v1/plans")
                .then().statusCode(200).body("ruleset.version", equalTo(version));
    }

    /** The clinician page words a plan from this, the same table the EHR cards use. */
    @Test
    void theWordingOfTheActiveRuleSetIsPublic() {
        String version = ops().get("/api/v1/rules").then().extract().path("version");
        SignedIn.asClinician().get("/api/v1/wording").then().statusCode(200)
                .body("version", equalTo(version))
                .body("types.psychotherapy.DEPRESSION_EBP", equalTo("Evidence-based psychotherapy for depression"))
                .body("types.sessionDecision.HOLD", equalTo("Hold"))
                .body("flags.OFF_LABEL", containsString("Off-label"));
    }

    @ParameterizedTest(name = "{0} {1} is not on the public port")
    @CsvSource({"POST, /api/v1/rules/reload", "GET, /api/v1/rules/traceability", "GET, /q/metrics",
            "GET, /q/health", "GET, /q/openapi"})
    void operationsAreNotOnThePublicPort(String method, String path) {
        int status = SignedIn.asClinician().request(method, path).statusCode();
        assertThat(status).isIn(404, 405);
    }

    /** Ready only with a gated rule set, named; the replica's version is a metric, for a cluster split. */
    @Test
    void readinessAndTheMetricsNameTheServedRuleSet() {
        String version = holder.current().version();
        ops().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'rules' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'rules' }.data.version", org.hamcrest.Matchers.equalTo(version));
        assertThat(ops().get("/q/metrics").asString())
                .contains("ketaplan_ruleset_info{version=\"" + version + "\"} 1.0");
    }

    @ParameterizedTest(name = "{0} is on the management port")
    @CsvSource({"/q/health/ready", "/q/metrics", "/q/openapi"})
    void operationsAreOnTheManagementPort(String path) {
        ops().get(path).then().statusCode(200);
    }

    @Test
    void metricsCountPlanRequestsWithoutPatientData() {
        SignedIn.asClinician().contentType(ContentType.JSON).body(Requests.complete().toString()).post("/api/v1/plans")
                .then().statusCode(200);
        String metrics = ops().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds_count").contains("uri=\"/api/v1/plans\"");
    }

    /** Each unknown path once made a metrics series of its own, until the registry dropped real ones. */
    @Test
    void unknownPathsDoNotMakeMetricsSeries() {
        for (int i = 0; i < 30; i++) {
            String random = java.util.UUID.randomUUID().toString();
            given().get("/cds-services/" + random);
            given().post("/cds-services/" + random + "/x");
            given().get("/api/v1/" + random);
            SignedIn.asClinician().get("/api/v1/" + random);
        }
        String metrics = ops().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> uris = metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count"))
                .map(l -> l.replaceFirst(".*uri=\"([^\"]*)\".*", "$1")).distinct().toList();
        assertThat(uris).noneMatch(u -> u.matches(".*[0-9a-f]{8}-[0-9a-f]{4}.*"));
    }

    /** Five reloads at once cost at most two builds: the one running and one shared by the rest. */
    @Test
    void concurrentReloadsCoalesce() throws Exception {
        long before = holder.reloadsRun();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(pool.submit(() -> ops().post("/api/v1/rules/reload").statusCode()));
            }
            for (Future<Integer> c : calls) {
                assertThat(c.get(120, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(holder.reloadsRun() - before).isBetween(1L, 2L);
        // The listing answers at once even while a reload runs.
        ops().get("/api/v1/rules").then().statusCode(200);
    }
}
