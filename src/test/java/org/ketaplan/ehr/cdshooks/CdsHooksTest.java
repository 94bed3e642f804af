package org.ketaplan.ehr.cdshooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * CDS Hooks over the real HTTP stack with signed calls from a trusted test EHR, realistic FHIR R4 prefetch
 * (US Core shapes and value variants) and the real rules.
 */
@QuarkusTest
@TestProfile(CdsProfile.class)
public class CdsHooksTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    CdsResource resource;

    static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    public static String token(String path) {
        return token(base() + path, UUID.randomUUID().toString(), Instant.now().plusSeconds(300));
    }

    static String token(String audience, String jti, Instant exp) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(CdsProfile.KEY.getKeyID())
                    .type(JOSEObjectType.JWT).build(),
                    new JWTClaimsSet.Builder().issuer(CdsProfile.ISSUER).audience(audience).jwtID(jti)
                            .issueTime(new Date()).expirationTime(Date.from(exp)).build());
            jwt.sign(new ECDSASigner(CdsProfile.KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Response call(String service, Object body) {
        String path = "/cds-services/" + service;
        return given().header("Authorization", "Bearer " + token(path)).contentType(ContentType.JSON).body(body.toString())
                .post(path);
    }

    static String daysAgo(int n) {
        return TODAY.minusDays(n).toString();
    }

    // --- FHIR fixtures (US Core shapes) ---

    static String bundle(String... resources) {
        StringBuilder sb = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
        for (int i = 0; i < resources.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"resource\":").append(resources[i]).append('}');
        }
        return sb.append("]}").toString();
    }

    static String condition(String system, String code, String clinical, String verification) {
        return """
                {"resourceType":"Condition","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},
                 "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"%s"}]},
                 "code":{"coding":[{"system":"%s","code":"%s"}]},"subject":{"reference":"Patient/p1"}}"""
                .formatted(clinical, verification, system, code);
    }

    static String observation(String system, String code, String value, String date) {
        return """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"%s","code":"%s"}]},
                 "subject":{"reference":"Patient/p1"},"effectiveDateTime":"%s",%s}""".formatted(system, code, date, value);
    }

    static String yes(boolean yes) {
        return "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + (yes ? "LA33-6" : "LA32-8") + "\"}]}";
    }

    static String bloodPressure(int sys, int dia, String date) {
        return """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},
                 "subject":{"reference":"Patient/p1"},"effectiveDateTime":"%s","component":[
                 {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":%d,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
                 {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":%d,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]}"""
                .formatted(date, sys, dia);
    }

    /** A woman with recurrent severe depression and chronic PTSD, US Core-shaped data, value variants. */
    static ObjectNode patientView(Map<String, String> overrides) {
        ObjectNode req = JSON.createObjectNode();
        req.put("hook", "patient-view");
        req.put("hookInstance", UUID.randomUUID().toString());
        req.putObject("context").put("userId", "Practitioner/example").put("patientId", "p1");
        Map<String, String> prefetch = new java.util.LinkedHashMap<>(Map.of(
                "patient", "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"female\",\"birthDate\":\"1982-05-01\"}",
                "conditions", bundle(
                        condition("http://hl7.org/fhir/sid/icd-10-cm", "F33.2", "active", "confirmed"),
                        condition("http://snomed.info/sct", "47505003", "active", "confirmed"),
                        condition("http://hl7.org/fhir/sid/icd-10-cm", "F31.9", "inactive", "refuted"),
                        condition("http://hl7.org/fhir/sid/icd-10-cm", "F20.9", "active", "entered-in-error")),
                "phq9", bundle(
                        observation("http://loinc.org", "44261-6", "\"valueString\":\"19\"", daysAgo(1)),
                        observation("http://loinc.org", "44260-8",
                                "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LA6568-5\"}]}", daysAgo(1))),
                "suicideScreen", bundle(
                        observation("http://loinc.org", "93246-7", yes(false), daysAgo(1)),
                        observation("http://loinc.org", "93247-5", yes(false), daysAgo(1)),
                        observation("http://loinc.org", "93248-3", yes(false), daysAgo(1)),
                        observation("http://loinc.org", "93249-1", yes(false), daysAgo(1)),
                        observation("http://loinc.org", "93250-9", yes(false), daysAgo(1)),
                        observation("http://loinc.org", "93267-3", yes(false), daysAgo(1))),
                "bloodPressure", bundle(bloodPressure(128, 82, daysAgo(2))),
                "vitals", bundle(
                        observation("http://loinc.org", "8867-4", "\"valueQuantity\":{\"value\":76,\"unit\":\"/min\",\"code\":\"/min\"}", daysAgo(2)),
                        observation("http://loinc.org", "29463-7", "\"valueQuantity\":{\"value\":154.3,\"unit\":\"lb\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"[lb_av]\"}", daysAgo(2)),
                        observation("http://loinc.org", "8302-2", "\"valueQuantity\":{\"value\":165,\"unit\":\"cm\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"cm\"}", daysAgo(2))),
                "pregnancy", bundle(observation("http://loinc.org", "82810-3",
                        "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"60001007\"}]}", daysAgo(1))),
                "medicationRequests", bundle("""
                        {"resourceType":"MedicationRequest","status":"active","intent":"order","subject":{"reference":"Patient/p1"},
                         "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"312938","display":"Sertraline 100 MG Oral Tablet"}]}}"""),
                "medicationStatements", bundle(),
                "procedures", bundle("""
                        {"resourceType":"Procedure","status":"completed","subject":{"reference":"Patient/p1"},
                         "code":{"coding":[{"system":"http://snomed.info/sct","code":"406185000","display":"Trauma therapy"}]}}""")));
        prefetch.putAll(overrides);
        ObjectNode p = req.putObject("prefetch");
        prefetch.forEach((k, v) -> {
            try {
                if (v != null) {
                    p.set(k, JSON.readTree(v));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return req;
    }


    @Test
    void listsBothServicesWithPrefetchTemplates() {
        Response r = given().header("Authorization", "Bearer " + token("/cds-services")).get("/cds-services");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.jsonPath().getList("services.id", String.class))
                .containsExactlyInAnyOrder("ketamine-plan", "ketamine-order-check");
        assertThat(r.jsonPath().getList("services.hook", String.class)).contains("patient-view", "order-select");
        Map<String, String> prefetch = r.jsonPath().getMap("services.find { it.id == 'ketamine-plan' }.prefetch");
        assertThat(prefetch).containsKeys("patient", "conditions", "phq9", "suicideScreen", "bloodPressure",
                "vitals", "pregnancy", "medicationRequests", "medicationStatements", "procedures");
        assertThat(prefetch.get("phq9")).contains("44261-6").contains("44260-8").contains("720433000");
        // docs/ehr.md's table is the integrator's list: every key, each required or optional as the service treats it.
        Map<String, String> documented = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `(\\w+)` \\| [^|]+ \\| (required|optional|site) \\|$")
                .matcher(readDoc("docs/ehr.md"));
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        for (String service : List.of("ketamine-plan", "ketamine-order-check")) {
            Map<String, String> keys = r.jsonPath().getMap("services.find { it.id == '" + service + "' }.prefetch");
            assertThat(documented.keySet()).as(service).containsAll(keys.keySet());
            documented.forEach((key, kind) -> assertThat(keys.containsKey(key) || kind.equals("site"))
                    .as("%s declares %s", service, key).isTrue());
        }
        documented.forEach((key, kind) -> assertThat(CdsService.OPTIONAL_KEYS.contains(key))
                .as("docs/ehr.md says %s is %s", key, kind).isEqualTo(kind.equals("optional")));
    }

    private static String readDoc(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void corsPreflightFromTheSandboxIsAllowed() {
        Response r = given().header("Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Request-Method", "POST").options("/cds-services/ketamine-plan");
        assertThat(r.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://sandbox.cds-hooks.org");
    }


    @Test
    void noTokenIs401WithNoDetail() {
        Response r = given().get("/cds-services");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).isEmpty();
    }

    @Test
    void wrongAudienceIs401() {
        String jwt = token(base() + "/cds-services/ketamine-order-check", UUID.randomUUID().toString(),
                Instant.now().plusSeconds(300));
        Response r = given().header("Authorization", "Bearer " + jwt).contentType(ContentType.JSON)
                .body(patientView(Map.of()).toString()).post("/cds-services/ketamine-plan");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).isEmpty();
    }

    @Test
    void expiredTokenIs401() {
        String jwt = token(base() + "/cds-services", UUID.randomUUID().toString(), Instant.now().minusSeconds(5));
        assertThat(given().header("Authorization", "Bearer " + jwt).get("/cds-services").statusCode()).isEqualTo(401);
    }

    @Test
    void replayedTokenIs401() {
        String jwt = token("/cds-services");
        assertThat(given().header("Authorization", "Bearer " + jwt).get("/cds-services").statusCode()).isEqualTo(200);
        assertThat(given().header("Authorization", "Bearer " + jwt).get("/cds-services").statusCode()).isEqualTo(401);
    }


    @Test
    void planWaitingForDataIsAnInfoCardThatListsTheStepsInWords() {
        Response r = call("ketamine-plan", patientView(Map.of()));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        JsonNode card = cards(r).get(0);
        // Waiting for data is not an alarm: a clinician who learns to dismiss warnings misses the real ones.
        assertThat(card.path("indicator").asText()).isEqualTo("info");
        assertThat(card.path("summary").asText())
                .matches("Ketamine plan: \\d+ steps? to complete in Ketaplan( \\(\\d+ before a plan\\))?");
        assertCardBasics(card);
        String detail = card.path("detail").asText();
        // The summary counts what the detail lists: the clearances and the steps.
        long listed = java.util.Arrays.stream(detail.split("\n\n"))
                .filter(part -> part.startsWith("**Clearances needed**") || part.startsWith("**Steps to complete**"))
                .mapToLong(part -> part.lines().filter(l -> l.startsWith("- ")).count()).sum();
        assertThat(card.path("summary").asText()).startsWith("Ketamine plan: " + listed + " step");
        // Steps a clinician takes, not request fields:
        assertThat(detail).contains("**Steps to complete**").contains("Confirm the contraindication checklist")
                .contains("Confirm the treatment history").doesNotContain("`medicalHistory.")
                .doesNotContain("`treatmentHistory.");
        // what the record showed is not asked again:
        assertThat(detail).doesNotContain("C-SSRS screen today").doesNotContain("Reconcile the medication list");
        assertThat(detail).contains("Trauma-focused psychotherapy");
        JsonNode suggestion = card.path("suggestions").get(0);
        assertThat(card.path("selectionBehavior").asText()).isEqualTo("at-most-one");
        JsonNode group = suggestion.path("actions").get(0).path("resource");
        assertThat(group.path("resourceType").asText()).isEqualTo("RequestGroup");
        assertThat(group.path("intent").asText()).isEqualTo("proposal");
        assertThat(group.path("status").asText()).isEqualTo("draft");
        assertThat(group.toString()).doesNotContain("MedicationRequest");
        assertThat(card.path("suggestions").get(1).path("actions").get(0).path("resource").path("resourceType").asText())
                .isEqualTo("CarePlan");
    }

    /** The card's one link opens the page with what the record showed; the link carries no patient data. */
    @Test
    void theCardLinksToADraftOfWhatTheRecordShowed() {
        JsonNode card = cards(call("ketamine-plan", patientView(Map.of()))).get(0);
        JsonNode link = card.path("links").get(0);
        assertThat(link.path("type").asText()).isEqualTo("absolute");
        String url = link.path("url").asText();
        assertThat(url).matches("https?://[^?]+/\\?draft=[A-Za-z0-9_-]{22}").doesNotContain("p1");
        String id = url.substring(url.indexOf("draft=") + 6);
        org.ketaplan.web.SignedIn.asClinician().get("/api/v1/drafts/" + id).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("request.diagnoses.majorDepressiveDisorder", org.hamcrest.Matchers.equalTo(true))
                .body("request.patient.sex", org.hamcrest.Matchers.equalTo("FEMALE"))
                .body("sources.'diagnoses.majorDepressiveDisorder'", org.hamcrest.Matchers.hasItem(
                        org.hamcrest.Matchers.startsWith("Condition")))
                .body("sources.'patient.sex'", org.hamcrest.Matchers.hasItem("Patient/p1"));
        assertThat(org.ketaplan.web.SignedIn.asClinician().get("/api/v1/drafts/AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
        assertThat(org.ketaplan.web.SignedIn.asClinician().get("/api/v1/drafts/not-an-id").statusCode()).isEqualTo(404);
    }

    /** AllergyIntolerance was added to the prefetch later: an EHR that does not send it still gets a plan. */
    @Test
    void anEhrWithoutTheAllergyPrefetchIsAnswered() {
        ObjectNode req = patientView(Map.of());
        ((ObjectNode) req.get("prefetch")).remove("allergies");
        Response r = call("ketamine-plan", req);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(cards(r)).hasSize(1);
    }

    @Test
    void positiveItem9WithoutAScreenIsUrgent() {
        Response r = call("ketamine-plan", patientView(Map.of("suicideScreen", bundle(),
                "phq9", bundle(observation("http://snomed.info/sct", "720433000", "\"valueInteger\":19", daysAgo(1)),
                        observation("http://loinc.org", "44260-8",
                                "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LA6570-1\"}]}", daysAgo(1))))));
        JsonNode card = cards(r).get(0);
        assertThat(card.path("indicator").asText()).isEqualTo("warning");
        assertThat(card.path("summary").asText()).isEqualTo("Same-day clinician assessment needed before a ketamine plan");
        assertThat(card.path("detail").asText()).contains("(SUI-05)");
        assertCardBasics(card);
    }

    @Test
    void suicidalIntentIsACriticalCardWithoutSuggestions() {
        Response r = call("ketamine-plan", patientView(Map.of("suicideScreen", bundle(
                observation("http://loinc.org", "93250-9", "\"valueBoolean\":true", daysAgo(1))))));
        JsonNode card = cards(r).get(0);
        assertThat(card.path("indicator").asText()).isEqualTo("critical");
        assertThat(card.has("suggestions")).isFalse();
        assertThat(card.path("detail").asText()).contains("(SUI-01a)");
        assertCardBasics(card);
    }

    @Test
    void nullAndOperationOutcomePrefetchStayUnknown() {
        Map<String, String> overrides = new java.util.HashMap<>();
        overrides.put("pregnancy", null);
        overrides.put("medicationStatements", """
                {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"processing","diagnostics":"timeout"}]}""");
        ObjectNode req = patientView(overrides);
        ((ObjectNode) req.get("prefetch")).putNull("pregnancy");
        Response r = call("ketamine-plan", req);
        assertThat(r.statusCode()).isEqualTo(200);
        String detail = cards(r).get(0).path("detail").asText();
        // pregnancy null: no status, so whether pregnancy must be excluded is asked; one medication source failed
        assertThat(detail).contains("Pregnancy status and test").contains("Reconcile the medication list");
    }

    @Test
    void missingPrefetchWithoutFhirServerIs412() {
        ObjectNode req = patientView(Map.of());
        ((ObjectNode) req.get("prefetch")).remove("conditions");
        assertThat(call("ketamine-plan", req).statusCode()).isEqualTo(412);
    }

    /** A local stand-in for the EHR's FHIR server on the one allow-listed address; records what it was asked. */
    static final class FakeFhirServer implements AutoCloseable {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final HttpServer server;

        FakeFhirServer(int status, String body, long delayMillis) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", CdsProfile.FHIR_PORT), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/fhir", exchange -> {
                seen.add(exchange.getRequestURI().toString() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                } catch (IOException e) {
                    // the client gave up waiting
                }
            });
            server.start();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static ObjectNode withoutConditions(String fhirServer) {
        ObjectNode req = patientView(Map.of());
        ((ObjectNode) req.get("prefetch")).remove("conditions");
        req.put("fhirServer", fhirServer);
        req.putObject("fhirAuthorization").put("access_token", "test-access-token").put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "ketaplan");
        return req;
    }

    static final String ALLOWED_FHIR = "http://127.0.0.1:" + CdsProfile.FHIR_PORT + "/fhir";

    @Test
    void missingPrefetchIsReadFromTheFhirServerWithItsToken() throws IOException {
        try (FakeFhirServer fhir = new FakeFhirServer(200,
                bundle(condition("http://hl7.org/fhir/sid/icd-10-cm", "F33.2", "active", "confirmed")), 0)) {
            Response r = call("ketamine-plan", withoutConditions(ALLOWED_FHIR));
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
            // conditions, and the keys this EHR's prefetch never had (allergies, administrations): each with the token
            assertThat(fhir.seen).anySatisfy(s -> assertThat(s).startsWith("/fhir/Condition?patient=p1 "))
                    .allSatisfy(s -> assertThat(s).endsWith("Bearer test-access-token"))
                    .hasSize(1 + CdsService.OPTIONAL_KEYS.size());
        }
    }

    /** The EHR's token goes only to an allow-listed server; nothing else is even contacted. */
    @ParameterizedTest(name = "fhirServer {0} -> {1}")
    @CsvSource({"https://evil.example.org/fhir, 412", "http://127.0.0.1:1/fhir, 412",
            "http://127.0.0.1:PORT/fhirx, 412", "http://127.0.0.1:PORT/fhir/../admin, 412",
            "http://user@127.0.0.1:PORT/fhir, 400", "ftp://127.0.0.1:PORT/fhir, 400", "'not a url', 400"})
    void fhirServerNotOnTheAllowListIsNeverRead(String fhirServer, int status) throws IOException {
        try (FakeFhirServer fhir = new FakeFhirServer(200, bundle(), 0)) {
            Response r = call("ketamine-plan", withoutConditions(fhirServer.replace("PORT",
                    String.valueOf(CdsProfile.FHIR_PORT))));
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
            assertThat(fhir.seen).isEmpty();
        }
    }

    @Test
    void patientIdThatIsNotAFhirIdNeverReachesAQuery() throws IOException {
        try (FakeFhirServer fhir = new FakeFhirServer(200, bundle(), 0)) {
            ObjectNode req = withoutConditions(ALLOWED_FHIR);
            ((ObjectNode) req.get("context")).put("patientId", "p1&_count=99999");
            assertThat(call("ketamine-plan", req).statusCode()).isEqualTo(400);
            assertThat(fhir.seen).isEmpty();
        }
    }

    @Test
    void theFhirServersAnswerIsNeverEchoed() throws IOException {
        try (FakeFhirServer fhir = new FakeFhirServer(503, "{\"secret\":\"SECRET-INTERNAL-DETAIL\"}", 0)) {
            Response r = call("ketamine-plan", withoutConditions(ALLOWED_FHIR));
            assertThat(r.statusCode()).isEqualTo(412);
            assertThat(r.asString()).doesNotContain("503").doesNotContain("SECRET");
        }
    }

    @Test
    void aFhirServerAnswerWithAnUnboundedNumberIsRefused() throws IOException {
        String huge = bundle(observation("http://loinc.org", "8867-4",
                "\"valueQuantity\":{\"value\":1e999999999,\"unit\":\"/min\",\"code\":\"/min\"}", daysAgo(1)));
        try (FakeFhirServer fhir = new FakeFhirServer(200, huge, 0)) {
            Response r = call("ketamine-plan", withoutConditions(ALLOWED_FHIR));
            assertThat(r.statusCode()).isEqualTo(412);
        }
    }

    @Test
    void aSlowFhirServerIsGivenUpOn() throws IOException {
        try (FakeFhirServer fhir = new FakeFhirServer(200, bundle(), 8_000)) {
            Response r = given().config(io.restassured.config.RestAssuredConfig.config().httpClient(
                            io.restassured.config.HttpClientConfig.httpClientConfig()
                                    .setParam("http.socket.timeout", 30_000)))
                    .header("Authorization", "Bearer " + token("/cds-services/ketamine-plan"))
                    .contentType(ContentType.JSON).body(withoutConditions(ALLOWED_FHIR).toString())
                    .post("/cds-services/ketamine-plan");
            assertThat(r.statusCode()).isEqualTo(412);
        }
    }

    @Test
    void patientWithoutDepressionOrPtsdGetsNoCard() {
        Response r = call("ketamine-plan", patientView(Map.of("conditions", bundle())));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(cards(r)).isEmpty();
    }


    ObjectNode orderSelect(String medication) {
        return orderSelectOf("{\"text\":\"" + medication + "\"}");
    }

    ObjectNode orderSelectOf(String medicationCodeableConcept) {
        ObjectNode req = patientView(Map.of());
        req.put("hook", "order-select");
        ObjectNode context = (ObjectNode) req.get("context");
        context.putArray("selections").add("MedicationRequest/draft-1");
        try {
            context.set("draftOrders", JSON.readTree(bundle("""
                    {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"proposal",
                     "subject":{"reference":"Patient/p1"},"medicationCodeableConcept":%s}""".formatted(medicationCodeableConcept))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return req;
    }

    @Test
    void otherDrugsGetNoCard() {
        Response r = call("ketamine-order-check", orderSelect("Sertraline 50 MG Oral Tablet"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(cards(r)).isEmpty();
    }

    @Test
    void aKetamineOrderIsChecked() {
        Response r = call("ketamine-order-check", orderSelect("Ketamine hydrochloride 50 MG/ML injection"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(cards(r)).hasSize(1);
        assertCardBasics(cards(r).get(0));
    }

    /** Without a C-SSRS the card never says the triage is routine. */
    @Test
    void aCardWithoutAScreenSaysTheTriageIsNotAssessed() {
        JsonNode card = cards(call("ketamine-plan", patientView(Map.of("suicideScreen", bundle())))).get(0);
        assertThat(card.path("detail").asText()).contains("**Triage:** " + org.ketaplan.plan.TreatmentPlan.UNASSESSED_TRIAGE)
                .doesNotContain("**Triage:** Routine");
    }

    /** An order is recognised by its code (rules/terminology/fhir-ketamine-products.csv), whatever its text says. */
    @Test
    void aKetamineOrderIsRecognisedByItsRxNormCode() {
        Response r = call("ketamine-order-check", orderSelectOf("""
                {"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"6130"}],"text":"Induction agent"}"""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(cards(r)).hasSize(1);
        Response other = call("ketamine-order-check", orderSelectOf("""
                {"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"36437","display":"sertraline"}]}"""));
        assertThat(cards(other)).isEmpty();
    }

    /**
     * An order may name its medication by reference: to a Medication contained in it, or to another entry of the
     * draft orders. Either is read by its code; a reference that leads nowhere names nothing.
     */
    @Test
    void aKetamineOrderIsRecognisedThroughItsMedicationReference() throws IOException {
        String ketamine = "{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"6130\"}]}";
        ObjectNode contained = orderSelect("unused");
        ((ObjectNode) contained.get("context")).set("draftOrders", JSON.readTree(bundle("""
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"proposal",
                 "contained":[{"resourceType":"Medication","id":"m","code":%s}],
                 "subject":{"reference":"Patient/p1"},"medicationReference":{"reference":"#m"}}""".formatted(ketamine))));
        assertThat(cards(call("ketamine-order-check", contained))).hasSize(1);

        ObjectNode entry = orderSelect("unused");
        ((ObjectNode) entry.get("context")).set("draftOrders", JSON.readTree(bundle("""
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"proposal",
                 "subject":{"reference":"Patient/p1"},"medicationReference":{"reference":"Medication/med-1"}}""",
                "{\"resourceType\":\"Medication\",\"id\":\"med-1\",\"code\":" + ketamine + "}")));
        assertThat(cards(call("ketamine-order-check", entry))).hasSize(1);

        ObjectNode nowhere = orderSelect("unused");
        ((ObjectNode) nowhere.get("context")).set("draftOrders", JSON.readTree(bundle("""
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"proposal",
                 "subject":{"reference":"Patient/p1"},"medicationReference":{"reference":"Medication/elsewhere"}}""")));
        assertThat(cards(call("ketamine-order-check", nowhere))).isEmpty();
    }

    @Test
    void aContraindicationIsCritical() {
        ObjectNode req = orderSelect("Esketamine 28 MG nasal spray");
        ((ObjectNode) req.get("prefetch")).set("conditions", read(bundle(
                condition("http://hl7.org/fhir/sid/icd-10-cm", "F33.2", "active", "confirmed"),
                condition("http://hl7.org/fhir/sid/icd-10-cm", "I71.2", "active", "confirmed"))));
        JsonNode card = cards(call("ketamine-order-check", req)).get(0);
        assertThat(card.path("indicator").asText()).isEqualTo("critical");
        assertThat(card.path("detail").asText()).contains("(CI-01a)");
    }


    @Test
    void feedbackIsIdempotent() {
        String body = """
                {"feedback":[{"card":"%s","outcome":"accepted","acceptedSuggestions":[{"id":"s1"}],
                  "outcomeTimestamp":"2026-11-21T10:05:31Z"}]}""".formatted(UUID.randomUUID());
        int before = resource.feedbackCount();
        for (int i = 0; i < 2; i++) {
            String path = "/cds-services/ketamine-plan/feedback";
            assertThat(given().header("Authorization", "Bearer " + token(path)).contentType(ContentType.JSON)
                    .body(body).post(path).statusCode()).isEqualTo(200);
        }
        assertThat(resource.feedbackCount()).isEqualTo(before + 1);
    }

    @Inject
    org.ketaplan.audit.AuditLog audit;

    @Inject
    org.ketaplan.audit.AuditStore auditStore;

    /** The audit record names the EHR by its verified issuer, for the plan behind a card and for its feedback. */
    @Test
    void theAuditRecordNamesTheCallingEhr() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        assertThat(cards(call("ketamine-plan", patientView(Map.of())))).hasSize(1);
        String card = UUID.randomUUID().toString();
        String path = "/cds-services/ketamine-plan/feedback";
        given().header("Authorization", "Bearer " + token(path)).contentType(ContentType.JSON)
                .body("{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\","
                        + "\"outcomeTimestamp\":\"2026-11-21T10:05:31Z\"}]}").post(path).then().statusCode(200);
        assertThat(audit.flush(java.time.Duration.ofSeconds(10))).isTrue();
        Instant end = Instant.now().plusSeconds(1);
        assertThat(auditStore.plans(start, end, null, 0, 100)).anySatisfy(p -> {
            assertThat(p.channel()).isEqualTo("CDS_HOOKS");
            assertThat(p.caller()).isEqualTo(CdsProfile.ISSUER);
        });
        assertThat(auditStore.feedback(start, end, 0, 100)).anySatisfy(f -> {
            assertThat(f.card()).isEqualTo(card);
            assertThat(f.outcome()).isEqualTo("overridden");
            assertThat(f.caller()).isEqualTo(CdsProfile.ISSUER);
        });
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    /**
     * Override analytics: the EHR's answer about a card counts for every rule behind the card's plan (the card is
     * named by the plan's id), the page's answer for the one rule it names; reasons are counted by code.
     */
    @Test
    void overrideAnalyticsCountTheCardsRulesAndThePagesAnswers() throws Exception {
        Instant start = Instant.now().minusMillis(1);
        JsonNode card = cards(call("ketamine-plan", patientView(Map.of()))).get(0);
        String planId = card.path("uuid").asText();
        assertThat(card.path("overrideReasons").findValuesAsText("code")).contains("patient-declined", "clinical-judgement");
        String path = "/cds-services/ketamine-plan/feedback";
        given().header("Authorization", "Bearer " + token(path)).contentType(ContentType.JSON)
                .body("{\"feedback\":[{\"card\":\"" + planId + "\",\"outcome\":\"overridden\",\"overrideReason\":"
                        + "{\"reason\":{\"code\":\"patient-declined\",\"system\":\"https://ketaplan.org/CodeSystem/override-reason\"},"
                        + "\"userComment\":\"free text that is never kept\"},\"outcomeTimestamp\":\"2026-11-21T10:05:31Z\"}]}")
                .post(path).then().statusCode(200);
        assertThat(audit.flush(java.time.Duration.ofSeconds(10))).isTrue();
        List<String> rules = List.of(auditStore.plans(start, Instant.now().plusSeconds(1), planId, 0, 1).get(0)
                .ruleIds().split(","));
        String pageRule = rules.get(0);
        String overriddenRule = rules.get(1);
        String otherRule = rules.get(rules.size() - 1);
        String followed = "{\"outcome\":\"followed\",\"planId\":\"" + planId + "\",\"ruleId\":\"" + pageRule + "\"}";
        org.ketaplan.web.SignedIn.asClinician().contentType(ContentType.JSON).body(followed)
                .post("/api/v1/feedback").then().statusCode(204);
        org.ketaplan.web.SignedIn.asClinician().contentType(ContentType.JSON)
                .body("{\"outcome\":\"overridden\",\"reason\":\"clinical-judgement\",\"planId\":\"" + planId
                        + "\",\"ruleId\":\"" + overriddenRule + "\"}")
                .post("/api/v1/feedback").then().statusCode(204);
        // Answered once: a repeat would let one clinician move a rule's override rate.
        org.ketaplan.web.SignedIn.asClinician().contentType(ContentType.JSON).body(followed)
                .post("/api/v1/feedback").then().statusCode(409);
        assertThat(audit.flush(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(auditStore.feedback(start, Instant.now().plusSeconds(1), 0, 10)).noneSatisfy(f ->
                assertThat(f.toString()).contains("free text"));

        JsonNode analytics = read(org.ketaplan.web.SignedIn.asLead().baseUri("http://" + management.getHost())
                .port(management.getPort()).queryParam("from", start.toString()).get("/api/v1/analytics/rules")
                .then().statusCode(200).extract().asString());
        Map<String, JsonNode> byRule = new java.util.HashMap<>();
        analytics.path("rules").forEach(r -> byRule.put(r.path("ruleId").asText(), r));
        assertThat(byRule.keySet()).containsAll(rules);
        JsonNode page = byRule.get(pageRule);
        assertThat(page.path("shown").asInt()).isEqualTo(1);
        assertThat(page.path("accepted").asInt()).isEqualTo(1);
        assertThat(page.path("overridden").asInt()).isEqualTo(1);
        assertThat(page.path("overrideRate").asDouble()).isEqualTo(0.5);
        assertThat(page.path("reasons").path("patient-declined").asInt()).isEqualTo(1);
        JsonNode overridden = byRule.get(overriddenRule);
        assertThat(overridden.path("accepted").asInt()).isZero();
        assertThat(overridden.path("overridden").asInt()).isEqualTo(2);
        assertThat(overridden.path("reasons").path("patient-declined").asInt()).isEqualTo(1);
        assertThat(overridden.path("reasons").path("clinical-judgement").asInt()).isEqualTo(1);
        JsonNode other = byRule.get(otherRule);
        assertThat(other.path("shown").asInt()).isEqualTo(1);
        assertThat(other.path("accepted").asInt()).isZero();
        assertThat(other.path("overridden").asInt()).isEqualTo(1);
        assertThat(other.path("reasons").path("clinical-judgement").isMissingNode()).isTrue();
    }

    @Test
    void malformedFeedbackIs400() {
        String path = "/cds-services/ketamine-plan/feedback";
        assertThat(given().header("Authorization", "Bearer " + token(path)).contentType(ContentType.JSON)
                .body("{\"feedback\":[{\"card\":\"x\",\"outcome\":\"maybe\"}]}").post(path).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest(name = "feedback {0} -> 400")
    @CsvSource(delimiter = '|', value = {
            "{\"feedback\":[null]}",
            "{\"feedback\":[{\"card\":null,\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-21T10:05:31Z\"}]}",
            "{\"feedback\":null}",
            "[]",
            "null",
            "{\"feedback\":[{\"card\":\"x\",\"outcome\":\"accepted\",\"outcomeTimestamp\":1e999999999}]}"})
    void feedbackThatIsNotFeedbackIs400NotA500(String body) {
        String path = "/cds-services/ketamine-plan/feedback";
        assertThat(given().header("Authorization", "Bearer " + token(path)).contentType(ContentType.JSON)
                .body(body).post(path).statusCode()).isEqualTo(400);
    }

    @Test
    void oneFeedbackCallCannotFloodTheStoreOrTheLog() throws IOException {
        StringBuilder many = new StringBuilder("{\"feedback\":[");
        for (int i = 0; i < 3_000; i++) {
            many.append(i > 0 ? "," : "").append("{\"card\":\"c").append(i)
                    .append("\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-21T10:05:31Z\"}");
        }
        String path = "/cds-services/ketamine-plan/feedback";
        int before = resource.feedbackCount();
        assertThat(given().header("Authorization", "Bearer " + token(path)).contentType(ContentType.JSON)
                .body(many.append("]}").toString()).post(path).statusCode()).isEqualTo(400);
        assertThat(resource.feedbackCount()).isEqualTo(before);
    }

    /** A newline in a card id once forged a log line; card ids no longer reach the log at all. */
    @Test
    void feedbackTextCannotForgeALogLine() throws IOException {
        String forged = "x\nINFO  [org.ketaplan] FORGED-LINE " + UUID.randomUUID();
        String body = JSON.createObjectNode().set("feedback", JSON.createArrayNode().add(JSON.createObjectNode()
                .put("card", forged).put("outcome", "accepted").put("outcomeTimestamp", "2026-11-21T10:05:31Z")))
                .toString();
        String path = "/cds-services/ketamine-plan/feedback";
        assertThat(given().header("Authorization", "Bearer " + token(path)).contentType(ContentType.JSON)
                .body(body).post(path).statusCode()).isEqualTo(200);
        java.nio.file.Path log = java.nio.file.Path.of("target/quarkus-test.log");
        assertThat(java.nio.file.Files.readString(log)).doesNotContain("FORGED-LINE");
    }

    @Test
    void unauthorisedCallsSayHowToAuthenticate() {
        Response none = given().get("/cds-services");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        Response bad = given().header("Authorization", "Bearer not-a-token").get("/cds-services");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void aTokenValidForTenYearsIs401() {
        String jwt = token(base() + "/cds-services", UUID.randomUUID().toString(),
                Instant.now().plusSeconds(10L * 365 * 24 * 3600));
        assertThat(given().header("Authorization", "Bearer " + jwt).get("/cds-services").statusCode()).isEqualTo(401);
    }

    @Test
    void aPrefetchNumberOfUnboundedSizeIs400AtOnce() {
        ObjectNode req = patientView(Map.of());
        String body = req.toString().replace("\"value\":76", "\"value\":1e999999999");
        assertThat(body).contains("1e999999999");
        String path = "/cds-services/ketamine-plan";
        Response r = given().config(io.restassured.config.RestAssuredConfig.config().httpClient(
                        io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 10_000)))
                .header("Authorization", "Bearer " + token(path)).contentType(ContentType.JSON).body(body).post(path);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("number out of range").doesNotContain("Exception");
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> cards(Response r) {
        JsonNode body = read(r.asString());
        List<JsonNode> cards = new java.util.ArrayList<>();
        body.path("cards").forEach(cards::add);
        return cards;
    }

    /** Every card: uuid, a short summary without clinical detail, and the rule set named as its source. */
    static void assertCardBasics(JsonNode card) {
        assertThat(card.path("uuid").asText()).matches("[0-9a-f-]{36}");
        String summary = card.path("summary").asText();
        assertThat(summary.length()).isLessThan(140);
        assertThat(summary.toLowerCase()).doesNotContain("suicid").doesNotContain("ptsd").doesNotContain("depress")
                .doesNotContain("pregnan");
        assertThat(card.path("source").path("label").asText()).matches("Ketaplan rules \\d{4}\\.\\d{2}\\.\\d{2}-[0-9a-f]{7}");
        card.path("suggestions").forEach(s -> assertThat(s.path("uuid").asText()).matches("[0-9a-f-]{36}"));
    }
}
