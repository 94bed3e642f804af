package org.ketaplan.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.ketaplan.plan.Requests;
import org.ketaplan.web.SignedIn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every plan leaves a durable record on the audit database (the embedded H2 file here, PostgreSQL in
 * {@link AuditTrailPostgresTest}), read back through the management port as an auditor would.
 */
@QuarkusTest
class AuditTrailTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    AuditLog audit;

    @Inject
    AuditStore store;

    RequestSpecification ops() {
        return SignedIn.asAuditor().baseUri("http://" + management.getHost()).port(management.getPort());
    }

    String expectedDatabase() {
        return "h2";
    }

    @Test
    void theRecordIsOnTheConfiguredDatabase() {
        assertThat(store.database()).contains(expectedDatabase());
    }

    @Test
    void aPlanIsRecordedWithItsCallerRuleSetHashAndRules() throws Exception {
        byte[] body = Requests.complete().bytes();
        Response r = SignedIn.asClinician().contentType(ContentType.JSON).body(body).post("/api/v1/plans");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode plan = JSON.readTree(r.asString());
        String planId = plan.path("planId").asText();
        assertThat(audit.flush(Duration.ofSeconds(10))).isTrue();

        JsonNode page = JSON.readTree(ops().queryParam("planId", planId).get("/api/v1/audit").then().statusCode(200)
                .header("Cache-Control", "no-store").extract().asString());
        assertThat(page.path("items")).hasSize(1);
        JsonNode item = page.path("items").get(0);
        assertThat(item.path("channel").asText()).isEqualTo("API");
        assertThat(item.path("caller").asText()).isEqualTo(SignedIn.CLINICIAN);
        assertThat(item.path("ruleset").asText()).isEqualTo(plan.path("ruleset").path("version").asText());
        assertThat(item.path("requestSha256").asText()).isEqualTo(AuditLog.sha256(body));
        assertThat(item.path("triage").asText()).isEqualTo(plan.path("triage").asText());
        assertThat(item.path("eligibility").asText()).isEqualTo(plan.path("eligibility").asText());
        assertThat(item.path("series").asText()).isEqualTo(plan.path("series").path("type").asText());
        List<String> fired = plan.path("rationale").findValuesAsText("ruleId").stream().distinct().sorted().toList();
        assertThat(item.path("ruleIds")).extracting(JsonNode::asText).containsExactlyElementsOf(fired);
        // The policy keeps the request and the plan (the rule-change impact replays them).
        assertThat(item.path("request")).isEqualTo(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
        assertThat(item.path("plan").path("planId").asText()).isEqualTo(planId);
    }

    @Test
    void plansAreListedNewestFirstByTimeRangeAndPaged() throws Exception {
        for (int i = 0; i < 3; i++) {
            SignedIn.asClinician().contentType(ContentType.JSON).body(Requests.complete().bytes()).post("/api/v1/plans")
                    .then().statusCode(200);
        }
        assertThat(audit.flush(Duration.ofSeconds(10))).isTrue();
        JsonNode first = JSON.readTree(ops().queryParam("size", 2).get("/api/v1/audit").asString());
        JsonNode second = JSON.readTree(ops().queryParam("size", 2).queryParam("page", 1).get("/api/v1/audit").asString());
        assertThat(first.path("items")).hasSize(2);
        assertThat(second.path("items").size()).isGreaterThanOrEqualTo(1);
        String newest = first.path("items").get(0).path("createdAt").asText();
        assertThat(newest.compareTo(first.path("items").get(1).path("createdAt").asText())).isGreaterThanOrEqualTo(0);
        // A list carries no request or plan: only a plan asked for by its id does.
        assertThat(first.path("items").get(0).path("request").isNull()).isTrue();
        assertThat(first.path("items").get(0).path("plan").isNull()).isTrue();
        // A range that ended before these plans holds none of them.
        JsonNode old = JSON.readTree(ops().queryParam("to", "2000-01-01T00:00:00Z").get("/api/v1/audit").asString());
        assertThat(old.path("items")).isEmpty();
    }

    @Test
    void aBadQueryIs400NamingEachParameter() {
        ops().queryParam("size", 0).queryParam("from", "yesterday").queryParam("planId", "x;drop")
                .queryParam("colour", "red").get("/api/v1/audit")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("size")).body("violations.field", hasItem("from"))
                .body("violations.field", hasItem("planId")).body("violations.field", hasItem("colour"));
    }

    @Test
    void theAuditTrailIsNotOnThePublicPort() {
        SignedIn.asClinician().get("/api/v1/audit").then().statusCode(404);
    }

    @Test
    void aReloadIsRecordedWithItsOutcome() throws Exception {
        SignedIn.asLead().baseUri("http://" + management.getHost()).port(management.getPort())
                .post("/api/v1/rules/reload").then().statusCode(200);
        assertThat(audit.flush(Duration.ofSeconds(10))).isTrue();
        ops().get("/api/v1/audit/reloads").then().statusCode(200)
                .body("items.caller", hasItem(SignedIn.LEAD))
                .body("items.accepted", hasItem(true));
    }
}
