package org.ketaplan.web;

import static org.ketaplan.web.SignedIn.asClinician;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.plan.Problem;
import org.ketaplan.plan.Requests;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The v1 contract over the real HTTP stack, on the real rules/. */
@QuarkusTest
class PlanResourceTest {

    static final String PLANS = "/api/v1/plans";

    @Test
    void contractExampleReturnsAPlan() {
        asClinician().contentType(ContentType.JSON).body(Requests.resource("/requests/contract-example.json").toString())
                .when().post(PLANS)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("planId", matchesPattern("[0-9a-f-]{36}"))
                .body("asOf", equalTo("2026-11-21"))
                .body("ruleset.version", matchesPattern("\\d{4}\\.\\d{2}\\.\\d{2}-[0-9a-f]{7}"))
                .body("ruleset.loadedAt", notNullValue())
                .body("triage", equalTo("ROUTINE"))
                .body("findings.suicideRisk", equalTo("LOW"))
                .body("findings.depressionSeverity", equalTo("MODERATELY_SEVERE"))
                .body("flags", hasItem("CLINICIAN_REVIEW_REQUIRED"))
                .body("rationale.size()", greaterThan(0))
                .body("rationale.ruleId", everyItem(notNullValue()))
                .body("disclaimer", containsString("licensed clinician"));
    }

    @Test
    void planAndRulesReportTheSameRuleSetVersion() {
        String version = asClinician().get("/api/v1/rules").then().extract().path("version");
        asClinician().contentType(ContentType.JSON).body(Requests.complete().toString())
                .when().post(PLANS).then().statusCode(200).body("ruleset.version", equalTo(version));
    }

    @Test
    void emergencyCaseIsNeverScheduled() {
        asClinician().contentType(ContentType.JSON)
                .body(Requests.complete().set("suicideScreen.intentWithPlan", true).toString())
                .when().post(PLANS)
                .then().statusCode(200)
                .body("triage", equalTo("EMERGENCY_REFERRAL"))
                .body("series.type", equalTo("DEFER"))
                .body("series.proposedType", equalTo("ESKETAMINE_MDSI_COURSE"))
                .body("series.schedule", hasSize(0))
                .body("psychotherapy.type", hasItem("SAFETY_PLAN"));
    }

    /** SAFE-01: the probe's case (six infusions from tomorrow) can no longer be scheduled. */
    /** The page and every answer: no sniffing, no referrer, never framed, only its own script and style. */
    @ParameterizedTest(name = "GET {0} carries the security headers")
    @CsvSource({"/", "/app.js", "/api/v1/rules"})
    void securityHeadersOnEveryAnswer(String path) {
        asClinician().get(path).then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")));
    }

    @Test
    void newerPositiveItem9OutweighsAnOlderNegativeScreen() {
        asClinician().contentType(ContentType.JSON)
                .body(Requests.complete().set("assessments[1].score", 3).set("assessments[1].date", "2026-11-21")
                        .set("suicideScreen.date", "2026-10-23").toString())
                .when().post(PLANS)
                .then().statusCode(200)
                .body("triage", equalTo("URGENT_SAME_DAY_ASSESSMENT"))
                .body("findings.suicideRisk", equalTo("UNKNOWN"))
                .body("eligibility", equalTo("INSUFFICIENT_DATA"))
                .body("series.type", equalTo("DEFER"))
                .body("series.schedule", hasSize(0))
                .body("missingData.fact", hasItem("suicideScreen"));
    }

    @Nested
    class BadInput {

        @ParameterizedTest(name = "{0} = {1} -> 400 naming the field")
        @CsvSource(delimiter = '|', value = {
                "assessments[0].score | 28 | must be between 0 and 27",
                "vitals[0].systolic | 301 | must be between 50 and 300",
                "vitals[0].diastolic | 19 | must be between 20 and 200",
                "vitals[0].heartRate | 251 | must be between 20 and 250",
                "vitals[0].spo2 | 49 | must be between 50 and 100",
                "patient.ageYears | 121 | must be between 0 and 120",
                "patient.weightKg | 19.5 | must be between 20 and 400",
                "patient.heightCm | 251 | must be between 100 and 250",
                "treatmentHistory.adequateAntidepressantTrials | -1 | must be between 0",
                "patient.sex | \"WOMAN\" | must be one of [FEMALE, MALE, OTHER, UNKNOWN]",
                "diagnoses.ptsd | \"MAYBE\" | must be one of",
                "assessments[0].instrument | \"BDI\" | must be one of",
                "assessments[0].date | \"21/11/2026\" | must be a date",
                "assessments[0].date | \"2026-11-22\" | must not be after asOf",
                "vitals[0].date | \"2026-12-01\" | must not be after asOf",
                "suicideScreen.date | \"2027-01-01\" | must not be after asOf",
                "suicideScreen.intentWithPlan | \"no\" | must be true or false",
                "patient.ageYears | \"forty\" | must be a whole number",
                "patient.ageYears | 42.5 | must be a whole number",
                "patient | [] | must be an object",
                "medications | {} | must be an array",
                "patient.favouriteColour | \"blue\" | unknown field",
                "suicideScreen.intentWithPlna | true | unknown field",
                // No coercion of any kind: each value below was once read as something it is not.
                "patient.pregnancyStatus | 0 | must be one of [POSITIVE, NEGATIVE, UNKNOWN, NOT_APPLICABLE]",
                "medicalHistory.hepaticImpairment | 3 | must be one of",
                "patient.sex | \"\" | must be one of",
                "patient.ageYears | \"42\" | must be a whole number",
                "patient.weightKg | \"70.5\" | must be a number",
                "patient.ageYears | true | must be a whole number",
                "patient.breastfeeding | 0 | must be true or false",
                "patient.breastfeeding | 1 | must be true or false",
                "patient.breastfeeding | \"true\" | must be true or false",
                "medications[0].name | 42 | must be a string",
                "medications[0].name | true | must be a string",
                "substanceUse.substances[0] | 7 | must be a string",
                "asOf | 20261121 | must be a date",
                "assessments[0].date | 20261120 | must be a date",
                "assessments[0].date | \"2026-02-30\" | must be a date",
                "asOf | \"1899-12-31\" | must be between 1900-01-01",
                "asOf | \"9999-01-01\" | must be between 1900-01-01",
                "vitals[0].date | \"1899-12-31\" | must not be before 1900-01-01",
                // An unknown field is named by its path whatever its value.
                "typoList | [[1, 2]] | unknown field",
                "patient.typoObject | {\"a\": [1]} | unknown field",
                "patient.typoEmpty | [] | unknown field"})
        void invalidValueIsRejectedWithItsPath(String path, String json, String message) {
            asClinician().contentType(ContentType.JSON).body(Requests.complete().setJson(path, json).toString())
                    .when().post(PLANS)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("title", notNullValue())
                    .body("violations.find { it.field == '" + path + "' }.message", containsString(message))
                    .body(not(containsString("jackson")))
                    .body(not(containsString("java.")));
        }

        /** The v1.1 course-of-care fields: an outcome of another step, a clearance without its reviewer, and so on. */
        @ParameterizedTest(name = "{0} = {1} -> 400: {2}")
        @CsvSource(delimiter = '|', value = {
                "clinicianSteps[0].outcome | \"SIGNED\" | must be one of [CLEARED, NOT_CLEARED] for CLEARANCE",
                "clinicianSteps[0].reviewer | null | is required for a CLEARANCE",
                "clinicianSteps[0].reviewer | \"DENTIST\" | must be one of",
                "clinicianSteps[0].date | \"2026-11-22\" | must not be after asOf",
                "clinicianSteps[0].ruleId | \"RC-01; drop\" | must be a rule ID",
                "clinicianSteps[0].type | \"HUNCH\" | must be one of",
                "clinicianSteps[1].modality | null | is required for INFORMED_CONSENT",
                "clinicianSteps[1].reviewer | \"PRESCRIBER\" | belongs to a CLEARANCE only",
                "course.sessions[0].date | \"2026-11-22\" | must not be after asOf",
                "course.sessions[0].doseMg | 201 | must be between 0 and 200",
                "course.sessions[0].cadss | 93 | must be between 0 and 92",
                "course.sessions[0].moaas | 6 | must be between 0 and 5",
                "course.sessions[0].lowestSpo2 | 49 | must be between 50 and 100",
                "course.sessions[0].observedMinutes | 1441 | must be between 0 and 1440",
                "course.sessions[0].vitalsBefore.systolic | 70 | must be greater than diastolic",
                "course.sessions[0].adverseEvents | [\"NAUSEA\", \"NAUSEA\"] | lists an event twice",
                "course.sessions[0].adverseEvents[0] | \"FAINTING\" | must be one of",
                "patient.pregnancyTestDate | \"2026-11-22\" | must not be after asOf"})
        void courseOfCareFieldsAreCheckedStrictly(String path, String json, String message) {
            Requests r = Requests.complete()
                    .setJson("clinicianSteps", "[{\"type\":\"CLEARANCE\",\"reviewer\":\"PRIMARY_CARE\","
                            + "\"date\":\"2026-11-19\",\"outcome\":\"CLEARED\"},{\"type\":\"INFORMED_CONSENT\","
                            + "\"modality\":\"IV_KETAMINE\",\"date\":\"2026-11-20\",\"outcome\":\"SIGNED\"}]")
                    .setJson("course", "{\"modality\":\"IV_KETAMINE\",\"sessions\":[{\"date\":\"2026-11-18\","
                            + "\"vitalsBefore\":{\"systolic\":128,\"diastolic\":80},\"adverseEvents\":[\"NAUSEA\"]}]}");
            asClinician().contentType(ContentType.JSON).body(r.setJson(path, json).toString())
                    .when().post(PLANS)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.find { it.field == '" + path + "' }.message", containsString(message));
        }

        /** Antidepressant trials from a record (the EHR path): each field bounded, dates in order. */
        @ParameterizedTest(name = "{0} = {1} -> 400: {2}")
        @CsvSource(delimiter = '|', value = {
                "treatmentHistory.antidepressantTrials[0].drug | \"\" | drug is required",
                "treatmentHistory.antidepressantTrials[0].drug | 42 | must be a string",
                "treatmentHistory.antidepressantTrials[0].dailyDoseMg | -1 | must be between 0 and 100000",
                "treatmentHistory.antidepressantTrials[0].startDate | null | startDate is required",
                "treatmentHistory.antidepressantTrials[0].startDate | \"2026-11-22\" | must not be after asOf",
                "treatmentHistory.antidepressantTrials[0].endDate | \"2026-01-31\" | must not be before startDate",
                "treatmentHistory.antidepressantTrials[0].endDate | \"2026-11-22\" | must not be after asOf"})
        void antidepressantTrialsAreCheckedStrictly(String path, String json, String message) {
            Requests r = Requests.complete().setJson("treatmentHistory.antidepressantTrials",
                    "[{\"drug\":\"sertraline\",\"dailyDoseMg\":100,\"startDate\":\"2026-02-01\",\"endDate\":\"2026-05-01\"}]");
            asClinician().contentType(ContentType.JSON).body(r.setJson(path, json).toString())
                    .when().post(PLANS)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.find { it.field == '" + path + "' }.message", containsString(message));
        }

        @Test
        void aFullCourseOfCareRequestIsAccepted() {
            Requests r = Requests.complete()
                    .setJson("clinicianSteps", "[{\"type\":\"CLEARANCE\",\"reviewer\":\"PRIMARY_CARE\",\"ruleId\":\"RC-01\","
                            + "\"date\":\"2026-11-19\",\"outcome\":\"CLEARED\"},{\"type\":\"INFORMED_CONSENT\","
                            + "\"modality\":\"IV_KETAMINE\",\"date\":\"2026-11-20\",\"outcome\":\"SIGNED\"}]")
                    .setJson("course", "{\"modality\":\"IV_KETAMINE\",\"sessions\":[{\"date\":\"2026-11-18\","
                            + "\"modality\":\"IV_KETAMINE\",\"doseMg\":35,\"vitalsBefore\":{\"systolic\":128,"
                            + "\"diastolic\":80,\"heartRate\":72,\"spo2\":98},\"lowestSpo2\":96,\"cadss\":18,"
                            + "\"moaas\":5,\"adverseEvents\":[\"NAUSEA\"],\"observedMinutes\":125,"
                            + "\"readyToLeaveMinutes\":110}]}")
                    .set("patient.pregnancyTestDate", "2026-11-20");
            asClinician().contentType(ContentType.JSON).body(r.toString())
                    .when().post(PLANS)
                    .then().statusCode(200);
        }

        /** Numbers are bounded as written, before anything converts them: no wrap-around, no huge exponents. */
        @ParameterizedTest(name = "{0} written as {2} -> 400 naming it")
        @CsvSource(delimiter = '|', value = {
                "vitals[0].systolic | \"systolic\":128 | 4294967486 | number out of range",
                "vitals[0].systolic | \"systolic\":128 | -4294967106 | number out of range",
                "assessments[0].score | \"score\":19 | 1e20 | number out of range",
                "patient.weightKg | \"weightKg\":70.0 | 1e999999999 | number out of range",
                "patient.weightKg | \"weightKg\":70.0 | 7e-999999999 | number out of range",
                "patient.weightKg | \"weightKg\":70.0 | 70.00000000000000000000000001 | number too long",
                "treatmentHistory.adequateAntidepressantTrials | \"adequateAntidepressantTrials\":3 | 99999999999999999999 | number out of range"})
        void numberBeyondItsBoundsIsRejectedAsWritten(String path, String original, String written, String message) {
            String body = Requests.complete().toString();
            assertThat(body).contains(original);
            String field = original.substring(0, original.indexOf(':') + 1);
            asClinician().contentType(ContentType.JSON).body(body.replaceFirst(java.util.regex.Pattern.quote(original),
                            java.util.regex.Matcher.quoteReplacement(field + written)))
                    .when().post(PLANS)
                    .then().statusCode(400)
                    .body("violations.find { it.field == '" + path + "' }.message", containsString(message));
        }

        @Test
        void systolicNotAboveDiastolicIsRejected() {
            asClinician().contentType(ContentType.JSON).body(Requests.complete().vitals(80, 80).toString())
                    .when().post(PLANS)
                    .then().statusCode(400)
                    .body("violations.field", hasItem("vitals[0].systolic"))
                    .body("violations.message", hasItem(containsString("greater than diastolic")));
        }

        @Test
        void everyViolationIsListedAtOnce() {
            asClinician().contentType(ContentType.JSON)
                    .body(Requests.complete()
                            .set("patient.ageYears", 200)
                            .set("patient.sex", "WOMAN")
                            .set("assessments[0].score", 99)
                            .set("typo", true)
                            .vitals(80, 90).toString())
                    .when().post(PLANS)
                    .then().statusCode(400)
                    .body("violations.field", hasItems("patient.ageYears", "patient.sex", "assessments[0].score",
                            "typo", "vitals[0].systolic"));
        }

        @Test
        void duplicateKeyIsRejected() {
            asClinician().contentType(ContentType.JSON)
                    .body("{\"asOf\":\"2026-11-21\",\"asOf\":\"2026-11-20\"}")
                    .when().post(PLANS)
                    .then().statusCode(400).body("violations[0].message", containsString("Duplicate field"));
        }

        @ParameterizedTest(name = "body {0} -> 400")
        @CsvSource(delimiter = '|', value = {
                "{\"asOf\": | malformed JSON",
                "[] | must be a JSON object",
                "\"hello\" | must be a JSON object",
                "null | must be a JSON object",
                "'   ' | request body is empty",
                "{} trailing | malformed JSON"})
        void malformedBodiesAreRejected(String body, String message) {
            asClinician().contentType(ContentType.JSON).body(body)
                    .when().post(PLANS)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].message", containsString(message))
                    .body(not(containsString("Exception")));
        }

        @Test
        void emptyBodyIsRejected() {
            asClinician().contentType(ContentType.JSON)
                    .when().post(PLANS)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].message", equalTo("request body is empty"));
        }

        @ParameterizedTest(name = "POST {0} without a Content-Type -> 415")
        @CsvSource({"/api/v1/plans", "/api/v1/plans/fhir", "/cds-services/ketamine-plan"})
        void bodyWithoutAContentTypeIs415(String path) throws Exception {
            String[] answer = org.ketaplan.ehr.cdshooks.Raw.post(path, Requests.complete().toString());
            assertThat(answer[0]).isEqualTo("415");
            assertThat(answer[1]).contains("application/problem+json");
        }

        @Test
        void wrongMediaTypeIs415() {
            asClinician().contentType(ContentType.TEXT).body("hello")
                    .when().post(PLANS)
                    .then().statusCode(415).contentType("application/problem+json");
        }

        @Test
        void bodyOverTheLimitIs413() throws java.io.IOException {
            // The service answers 413 from the declared length and closes the connection; a client still
            // sending the rest of the body then sees a broken pipe instead of the answer. So this test
            // declares the oversized length, sends only the start, and reads the status line.
            int declared = 300 * 1024;
            try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
                socket.setSoTimeout(10_000);
                var out = socket.getOutputStream();
                out.write(("POST " + PLANS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: " + SignedIn.basic(SignedIn.CLINICIAN) + "\r\n"
                        + "Content-Length: " + declared + "\r\n\r\n{\"asOf\":\"2026-11-21\",\"pad\":\"")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.US_ASCII)).readLine();
                assertThat(statusLine).startsWith("HTTP/1.1 413");
            }
        }

        @ParameterizedTest(name = "{0} nested {3} deep")
        @CsvSource({"arrays, [, ], 100000", "objects, '{\"a\":', '}', 40000"})
        void deeplyNestedJsonIsRejectedNotAStackOverflow(String kind, String open, String close, int depth)
                throws Exception {
            // Within the 256 KiB body limit a value can still nest tens of thousands of levels; the parser's
            // depth bound turns that into a 400 before any recursion could exhaust the stack. A plain HTTP
            // client: the test client's log formatting would itself run out of memory on such a body.
            String value = open.repeat(depth) + (kind.equals("objects") ? "1" : "") + close.repeat(depth);
            var request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + PLANS))
                    .header("Content-Type", "application/json").header("Authorization", SignedIn.basic(SignedIn.CLINICIAN))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"patient\":" + value + "}"))
                    .build();
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
            assertThat(response.body()).contains("nesting depth").contains("\"field\":\"patient");
            // The path names where it starts, not all thousand levels.
            assertThat(response.body()).hasSizeLessThan(1_000);
        }

        @Test
        void tooManyAssessmentsIsRejected() {
            Requests r = Requests.complete();
            for (int i = 4; i <= 501; i++) {
                r.setJson("assessments[" + i + "]", "{\"instrument\":\"PHQ9\",\"score\":10,\"date\":\"2026-11-01\"}");
            }
            asClinician().contentType(ContentType.JSON).body(r.toString())
                    .when().post(PLANS)
                    .then().statusCode(400).body("violations.field", hasItem("assessments"));
        }

        /** 10,000 nulls (50 KB) once took 6-7 s of validation on the event loop, stalling every other plan. */
        @Test
        void tenThousandNullElementsAreRefusedAtOnceNamingTheList() throws Exception {
            String body = "{\"asOf\":\"2026-11-21\",\"assessments\":[" + "null,".repeat(9_999) + "null]}";
            var response = send(body);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"field\":\"assessments\"").contains("at most 500");
        }

        @Test
        void largeValidRequestIsPlannedOffTheEventLoop() throws Exception {
            Requests r = Requests.complete();
            for (int i = 4; i < 500; i++) {
                r.setJson("assessments[" + i + "]", "{\"instrument\":\"MADRS\",\"score\":" + (i % 40)
                        + ",\"date\":\"2026-10-" + (10 + i % 20) + "\"}");
            }
            assertThat(r.bytes().length).isGreaterThan(PlanResource.EVENT_LOOP_BODY_LIMIT);
            var response = send(r.toString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"eligibility\"");
        }

        /** A plain client with a timeout: a regression that hangs fails the test instead of the build. */
        private java.net.http.HttpResponse<String> send(String body) throws Exception {
            var request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + PLANS))
                    .timeout(java.time.Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Authorization", SignedIn.basic(SignedIn.CLINICIAN))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
            return java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void unknownPathIsProblemJson404() {
            asClinician().when().get("/api/v1/nothing-here")
                    .then().statusCode(404);
        }
    }
}
