package org.ketaplan.ehr.fhir;

import static org.ketaplan.web.SignedIn.asClinician;
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
        Response r = asClinician().contentType("application/fhir+json").body(bundle).post("/api/v1/plans/fhir");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/fhir+json");
        assertThat(r.jsonPath().getString("resourceType")).isEqualTo("CarePlan");
        assertThat(r.jsonPath().getString("intent")).isEqualTo("proposal");
        assertThat(r.jsonPath().getString("subject.reference")).isEqualTo("Patient/p7");
        assertThat(r.jsonPath().getString("description")).contains("INSUFFICIENT_DATA");
    }

    @Test
    void notABundleIs400() {
        Response r = asClinician().contentType("application/fhir+json").body("{\"resourceType\":\"Patient\"}")
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
                .header("Authorization", org.ketaplan.web.SignedIn.basic(org.ketaplan.web.SignedIn.CLINICIAN))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(bundleWithObservation("29463-7", value))).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("entry[1].resource.valueQuantity.value").contains("number");
    }

    /** A weight of 1e20 kg fits no field: 400 naming the field, never a wrapped or clipped value. */
    @Test
    void valueThatFitsNoFieldIs400NamingTheField() {
        Response r = asClinician().contentType("application/fhir+json").body(bundleWithObservation("29463-7", "1e20"))
                .post("/api/v1/plans/fhir");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
        assertThat(r.jsonPath().getList("violations.field", String.class)).contains("patient.weightKg");
    }

    @Test
    void garbageIs400() {
        assertThat(asClinician().contentType("application/fhir+json").body("{not json").post("/api/v1/plans/fhir").statusCode())
                .isEqualTo(400);
    }

    private static String bundleOf(String... resources) {
        StringBuilder sb = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p7\",\"gender\":\"male\",\"birthDate\":\"1970-01-01\"}}");
        for (String r : resources) {
            sb.append(",{\"resource\":").append(r).append('}');
        }
        return sb.append("]}").toString();
    }

    private static String condition(String code, String clinical, String verification) {
        return """
                {"resourceType":"Condition","id":"c-%s","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},
                 "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"%s"}]},
                 "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"%s"}]},"subject":{"reference":"Patient/p7"}}"""
                .formatted(code, clinical, verification, code);
    }

    private static io.restassured.path.json.JsonPath plan(String bundle) {
        Response r = asClinician().contentType("application/fhir+json").accept("application/json").body(bundle)
                .post("/api/v1/plans/fhir");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.jsonPath();
    }

    /** Integrators can see the plan a card was built from: the same TreatmentPlan as the JSON API. */
    @Test
    void acceptJsonGivesTheTreatmentPlan() {
        var plan = plan(bundleOf(condition("F33.2", "active", "confirmed")));
        assertThat(plan.getString("eligibility")).isEqualTo("INSUFFICIENT_DATA");
        assertThat(plan.getList("rationale")).isNotEmpty();
        assertThat(plan.getString("nextSession.decision")).isNotNull();
    }

    /** History matters for some conditions (fhir-conditions.csv history_value): resolved is not "never". */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}: {2} = {3}")
    @org.junit.jupiter.params.provider.CsvSource({
            "F20.9, resolved, diagnoses.primaryPsychoticDisorder, true",
            "F32.3, resolved, diagnoses.psychoticFeatures, PAST",
            "F32.3, active, diagnoses.psychoticFeatures, CURRENT",
            "I61.9, inactive, medicalHistory.intracerebralHemorrhage, true",
            "F10.20, resolved, substanceUse.pastDisorder, true",
            "F30.10, resolved, diagnoses.priorManicOrHypomanicEpisode, true"})
    void aResolvedConditionIsHistoryWhereHistoryMatters(String code, String clinical, String path, String value) {
        String bundle = bundleOf(condition("F33.2", "active", "confirmed"), condition(code, clinical, "confirmed"));
        Response r = asClinician().contentType("application/fhir+json").accept("application/json").body(bundle)
                .post("/api/v1/plans/fhir");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        // The plan does not echo the request; the missing-data list shows the fact is known now.
        assertThat(r.jsonPath().getList("missingData.fact")).doesNotContain(path);
    }

    @Test
    void aResolvedDepressionSaysNothing() {
        var plan = plan(bundleOf(condition("F33.2", "resolved", "confirmed")));
        assertThat(plan.getList("missingData.fact")).contains("diagnoses.majorDepressiveDisorder");
    }

    /** A ketamine allergy is an absolute contraindication (CI-03), coded or named; a refuted one is not. */
    @org.junit.jupiter.params.ParameterizedTest(name = "allergy {0} ({1}): ineligible {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"6130\"}]} | confirmed | true",
            "{\"text\":\"Esketamine nasal spray\"} | confirmed | true",
            "{\"text\":\"Ketamine\"} | refuted | false",
            "{\"text\":\"Penicillin\"} | confirmed | false"})
    void aKetamineAllergyRulesItOut(String code, String verification, boolean ineligible) {
        String allergy = """
                {"resourceType":"AllergyIntolerance","id":"a1","patient":{"reference":"Patient/p7"},
                 "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification","code":"%s"}]},
                 "code":%s}""".formatted(verification, code);
        var plan = plan(bundleOf(condition("F33.2", "active", "confirmed"), allergy));
        assertThat(plan.getString("eligibility").equals("INELIGIBLE")).isEqualTo(ineligible);
        assertThat(plan.getList("missingData.fact").contains("medicalHistory.ketamineHypersensitivity"))
                .isEqualTo(!ineligible);
    }

    /** An EHR record of ten years of orders is several hundred KiB: accepted here (4 MiB), unlike the JSON API. */
    @Test
    void aLargeBundleIsAccepted() {
        String order = """
                {"resourceType":"MedicationRequest","status":"completed","intent":"order","subject":{"reference":"Patient/p7"},
                 "medicationCodeableConcept":{"text":"Sertraline 100 MG Oral Tablet"},"note":[{"text":"%s"}]}"""
                .formatted("x".repeat(900));
        String[] resources = new String[1200];
        java.util.Arrays.fill(resources, order);
        resources[0] = condition("F33.2", "active", "confirmed");
        String bundle = bundleOf(resources);
        assertThat(bundle.length()).isGreaterThan(1024 * 1024);
        Response r = asClinician().contentType("application/fhir+json").body(bundle).post("/api/v1/plans/fhir");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    }

    /** Sessions given are read from completed administrations: the course continues from the record. */
    @Test
    void ketamineAdministrationsAreTheSessionsGiven() {
        String given = """
                {"resourceType":"MedicationAdministration","id":"ma-%s","status":"%s","subject":{"reference":"Patient/p7"},
                 "medicationCodeableConcept":{"text":"Esketamine 28 MG nasal spray"},"effectiveDateTime":"%s",
                 "dosage":{"dose":{"value":56,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}}""";
        var plan = plan(bundleOf(condition("F33.2", "active", "confirmed"),
                given.formatted("1", "completed", "2026-11-16"), given.formatted("2", "completed", "2026-11-19"),
                given.formatted("3", "not-done", "2026-11-20")));
        assertThat(plan.getInt("series.sessionsGiven")).isEqualTo(2);
    }

    private static final String EPISODE = """
            {"resourceType":"Condition","id":"mdd","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
             "code":{"coding":[{"system":"http://snomed.info/sct","code":"370143000"}]},"subject":{"reference":"Patient/p7"},
             "onsetDateTime":"%s"}""";

    /** One tablet or capsule a day; {@code end} null: no end recorded. */
    private static String order(String id, String status, String medication, String authored, String end) {
        return """
                {"resourceType":"MedicationRequest","id":"%s","status":"%s","intent":"order","subject":{"reference":"Patient/p7"},
                 "medicationCodeableConcept":%s,"authoredOn":"%s",
                 "dosageInstruction":[{"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"%s}},
                   "doseAndRate":[{"doseQuantity":{"value":1}}]}]}"""
                .formatted(id, status, medication, authored,
                        end == null ? "" : ",\"boundsPeriod\":{\"start\":\"" + authored + "\",\"end\":\"" + end + "\"}");
    }

    private static final String SERTRALINE = "{\"text\":\"Sertraline 100 MG Oral Tablet\"}";
    /** Coded only: the strength comes from fhir-medication-codes.csv, not from words. */
    private static final String FLUOXETINE = "{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"310385\"}]}";

    /** DX-02 from the record: antidepressants of this episode with their dose and duration; the rules judge them. */
    @Test
    void twoAdequateTrialsInTheRecordMakeTheDepressionTreatmentResistant() {
        var plan = plan(bundleOf(EPISODE.formatted("2026-01-01"),
                order("sert", "stopped", SERTRALINE, "2026-02-01", "2026-05-01"),
                order("flu", "active", FLUOXETINE, "2026-06-01", null)));
        assertThat(plan.getList("rationale.ruleId")).contains("DX-02b", "DX-01a");
        assertThat(plan.getBoolean("findings.treatmentResistantDepression")).isTrue();
        assertThat(plan.getList("notes.text", String.class)).anySatisfy(t -> assertThat(t).contains("fluoxetine, sertraline"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "started before this episode | 2025-06-01 | active | ",
            "stopped without an end date | 2026-02-01 | stopped | ",
            "ended after 41 days | 2026-02-01 | stopped | 2026-03-14"})
    void aTrialTheRecordCannotShowAsAdequateIsNotCounted(String why, String authored, String status, String end) {
        var plan = plan(bundleOf(EPISODE.formatted("2026-01-01"), order("sert", status, SERTRALINE, authored, end),
                order("flu", "active", FLUOXETINE, "2026-06-01", null)));
        assertThat(plan.getList("rationale.ruleId")).as(why).contains("DX-02c", "DX-04").doesNotContain("DX-02b");
        assertThat(plan.getString("eligibility")).isEqualTo("INSUFFICIENT_DATA");
    }

    @Test
    void withoutAnEpisodeOnsetNoTrialIsDerived() {
        var plan = plan(bundleOf(condition("F33.2", "active", "confirmed"),
                order("sert", "stopped", SERTRALINE, "2026-02-01", "2026-05-01"),
                order("flu", "active", FLUOXETINE, "2026-06-01", null)));
        assertThat(plan.getList("rationale.ruleId")).doesNotContain("DX-02b", "DX-02c").contains("DX-04");
    }
}
