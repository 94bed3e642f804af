package org.ketaplan.web;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.ketaplan.plan.Requests;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The page's answer to a recommendation: strict, bounded, coded, and for clinicians only. */
@QuarkusTest
class FeedbackResourceTest {

    static final String PLAN = "8881f193-fb03-4f13-b12d-6b0daee959a9";

    /** A plan as a clinician gets it: its id, and the rules its items name. */
    record Given(String planId, List<String> ruleIds) {
        String answer(String ruleId) {
            return "{\"planId\":\"" + planId + "\",\"ruleId\":\"" + ruleId + "\",\"outcome\":\"followed\"}";
        }
    }

    static Given plan() {
        var response = SignedIn.asClinician().contentType(ContentType.JSON).body(Requests.complete().toString())
                .post("/api/v1/plans").then().statusCode(200).extract();
        return new Given(response.path("planId"), response.path("rationale.ruleId"));
    }

    @org.junit.jupiter.api.Test
    void aFollowedAndAnOverriddenRecommendationAreRecorded() {
        Given p = plan();
        SignedIn.asClinician().contentType(ContentType.JSON).body(p.answer(p.ruleIds().get(0)))
                .post("/api/v1/feedback").then().statusCode(204);
        SignedIn.asClinician().contentType(ContentType.JSON)
                .body("{\"planId\":\"" + p.planId() + "\",\"ruleId\":\"" + p.ruleIds().get(1)
                        + "\",\"outcome\":\"overridden\",\"reason\":\"patient-declined\"}")
                .post("/api/v1/feedback").then().statusCode(204);
    }

    /** Override analytics count what clinicians were shown: no invented plan or rule, no answer counted twice. */
    @org.junit.jupiter.api.Test
    void onlyARecordedPlansOwnRuleIsAnsweredAndOnlyOnce() {
        Given p = plan();
        String rule = p.ruleIds().get(0);
        SignedIn.asClinician().contentType(ContentType.JSON).body(p.answer(rule))
                .post("/api/v1/feedback").then().statusCode(204);
        SignedIn.asClinician().contentType(ContentType.JSON).body(p.answer(rule))
                .post("/api/v1/feedback").then().statusCode(409).contentType("application/problem+json");
        SignedIn.asClinician().contentType(ContentType.JSON).body(p.answer("ZZZ-99"))
                .post("/api/v1/feedback").then().statusCode(400).body("violations.field", hasItem("ruleId"));
        SignedIn.asClinician().contentType(ContentType.JSON).body(new Given(PLAN, List.of()).answer(rule))
                .post("/api/v1/feedback").then().statusCode(400).body("violations.field", hasItem("planId"));
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"planId\":\"x\",\"ruleId\":\"IND-01a\",\"outcome\":\"followed\"}|planId",
            "{\"planId\":\"" + PLAN + "\",\"ruleId\":\"<script>\",\"outcome\":\"followed\"}|ruleId",
            "{\"planId\":\"" + PLAN + "\",\"ruleId\":\"IND-01a\",\"outcome\":\"maybe\"}|outcome",
            "{\"planId\":\"" + PLAN + "\",\"ruleId\":\"IND-01a\",\"outcome\":\"overridden\"}|reason",
            "{\"planId\":\"" + PLAN + "\",\"ruleId\":\"IND-01a\",\"outcome\":\"overridden\",\"reason\":\"because\"}|reason",
            "{\"planId\":\"" + PLAN + "\",\"ruleId\":\"IND-01a\",\"outcome\":\"followed\",\"reason\":\"patient-declined\"}|reason",
            "{\"planId\":\"" + PLAN + "\",\"ruleId\":\"IND-01a\",\"outcome\":\"followed\",\"comment\":\"free text\"}|comment",
            "{\"planId\":1,\"ruleId\":[],\"outcome\":true}|planId"})
    void aBadAnswerIs400NamingEachField(String body, String field) {
        SignedIn.asClinician().contentType(ContentType.JSON).body(body).post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem(field));
    }

    @org.junit.jupiter.api.Test
    void everyBadFieldIsNamedAtOnce() {
        SignedIn.asClinician().contentType(ContentType.JSON).body("{\"planId\":1,\"ruleId\":[],\"outcome\":true}")
                .post("/api/v1/feedback").then().statusCode(400)
                .body("violations.field", hasItems("planId", "ruleId", "outcome"));
    }

    @ParameterizedTest(name = "as {0} -> {1}")
    @CsvSource({"auditor, 403", "lead, 403"})
    void onlyCliniciansAnswer(String who, int status) {
        SignedIn.as(who).contentType(ContentType.JSON)
                .body("{\"planId\":\"" + PLAN + "\",\"ruleId\":\"IND-01a\",\"outcome\":\"followed\"}")
                .post("/api/v1/feedback").then().statusCode(status);
    }

    @org.junit.jupiter.api.Test
    void anOversizedOrEmptyBodyIsRefused() {
        // A valid answer padded past the bound with white space: refused for its size alone.
        Given p = plan();
        String valid = p.answer(p.ruleIds().get(0));
        SignedIn.asClinician().contentType(ContentType.JSON).body(valid + " ".repeat(FeedbackResource.MAX_BODY))
                .post("/api/v1/feedback").then().statusCode(400).body("violations[0].message",
                        org.hamcrest.Matchers.equalTo("too large"));
        SignedIn.asClinician().contentType(ContentType.JSON).body(valid).post("/api/v1/feedback").then().statusCode(204);
        SignedIn.asClinician().contentType(ContentType.JSON).post("/api/v1/feedback").then().statusCode(400);
    }
}
