package org.ketaplan.ehr.fhir;

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

    static String bundleWithObservation(String code, String valueQuantity) {
        return """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","id":"p7","gender":"male","birthDate":"1970-01-01"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},
                   "subject":{"reference":"Patient/p7"},"effectiveDateTime":"2026-11-20",
                   "valueQuantity":{"value":%s,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}}]}"""
                .formatted(code, valueQuantity);
    }

    /** 1e999999999 once sent HAPI's decimal arithmetic spinning with 3.5 GB held; now refused before HAPI reads it. */
    @org.junit.jupiter.params.ParameterizedTest(name = "valueQuantity {0} -> 400 at once")
    @org.junit.jupiter.params.provider.CsvSource({"1e999999999", "-1E+999999999", "1e-999999999",
            "123456789012345678901234567890123456789012345678901234567890"})
    void numberOfUnboundedSizeIsRefusedBeforeHapiReadsIt(String value) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + io.restassured.RestAssured.port + "/api/v1/plans/fhir"))
                .timeout(java.time.Duration.ofSeconds(10)).header("Content-Type", "application/fhir+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(bundleWithObservation("29463-7", value))).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("entry[1].resource.valueQuantity.value").contains("number");
    }

    /** A weight of 1e20 kg fits no field: 400 naming the field, never a wrapped or clipped value. */
    @Test
    void valueThatFitsNoFieldIs400NamingTheField() {
        Response r = given().contentType("application/fhir+json").body(bundleWithObservation("29463-7", "1e20"))
                .post("/api/v1/plans/fhir");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
        assertThat(r.jsonPath().getList("violations.field", String.class)).contains("patient.weightKg");
    }

    @Test
    void garbageIs400() {
        assertThat(given().contentType("application/fhir+json").body("{not json").post("/api/v1/plans/fhir").statusCode())
                .isEqualTo(400);
    }
}
