package org.ketaplan.fhir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** POST /api/v1/plans/fhir: a FHIR Bundle in, a draft CarePlan out. */
@QuarkusTest
class FhirPlanResourceTest {

    @Test
    void bundleGivesACarePlan() {
        String bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","id":"p7","gender":"male","birthDate":"1970-01-01"}},
                 {"resource":{"resourceType":"Condition","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                   "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"F33.2"}]},"subject":{"reference":"Patient/p7"}}}]}""";
        Response r = given().contentType("application/fhir+json").body(bundle).post("/api/v1/plans/fhir");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/fhir+json");
        assertThat(r.jsonPath().getString("resourceType")).isEqualTo("CarePlan");
        assertThat(r.jsonPath().getString("intent")).isEqualTo("proposal");
        assertThat(r.jsonPath().getString("subject.reference")).isEqualTo("Patient/p7");
        assertThat(r.jsonPath().getString("description")).contains("INSUFFICIENT_DATA");
    }

    @Test
    void notABundleIs400() {
        Response r = given().contentType("application/fhir+json").body("{\"resourceType\":\"Patient\"}")
                .post("/api/v1/plans/fhir");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.jsonPath().getString("violations[0].field")).isEqualTo("resourceType");
    }

    @Test
    void garbageIs400() {
        assertThat(given().contentType("application/fhir+json").body("{not json").post("/api/v1/plans/fhir").statusCode())
                .isEqualTo(400);
    }
}
