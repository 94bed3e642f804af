package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.ketaplan.audit.AuditLog;
import org.ketaplan.plan.Requests;
import org.ketaplan.ruleset.TestRules;
import org.ketaplan.web.SignedIn;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A clinical lead moves a threshold within what the scenarios allow and checks the edited copy on the running
 * service: the gate accepts it, the active rules stay, and the impact report counts and shows exactly the recorded
 * plan it would change. The service runs on a database of its own, so the recorded plans are the test's.
 */
@QuarkusTest
@TestProfile(ImpactTest.OwnDatabase.class)
class ImpactTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ketaplan.data-dir", "./target/data-impact-" + ProcessHandle.current().pid());
        }
    }

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    AuditLog audit;

    @Inject
    org.ketaplan.audit.AuditStore store;

    RequestSpecification lead() {
        return SignedIn.asLead().baseUri("http://" + management.getHost()).port(management.getPort());
    }

    /** Two trials recorded at adequate doses for {@code days} each, and no count from the clinician. */
    static Requests withRecordedTrials(int days) {
        return Requests.complete().remove("treatmentHistory.adequateAntidepressantTrials")
                .setJson("treatmentHistory.antidepressantTrials", """
                        [{"drug":"sertraline","dailyDoseMg":100,"startDate":"2026-06-01","endDate":"%s"},
                         {"drug":"escitalopram","dailyDoseMg":10,"startDate":"2026-08-01","endDate":"%s"}]"""
                        .formatted(java.time.LocalDate.parse("2026-06-01").plusDays(days),
                                java.time.LocalDate.parse("2026-08-01").plusDays(days)));
    }

    String plan(Requests request) {
        Response r = SignedIn.asClinician().contentType(ContentType.JSON).body(request.bytes()).post("/api/v1/plans");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath().getString("planId");
    }

    static byte[] zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry("rules/" + dir.relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Path copyWith(Path tmp, String parameter, String from, String to) throws IOException {
        Path rules = tmp.resolve("rules");
        TestRules.copyAll(rules);
        Path csv = rules.resolve("parameters.csv");
        List<String> lines = Files.readAllLines(csv).stream()
                .map(l -> l.startsWith(parameter + "," + from + ",") ? l.replaceFirst(parameter + "," + from + ",",
                        parameter + "," + to + ",") : l).toList();
        assertThat(lines).anyMatch(l -> l.startsWith(parameter + "," + to + ","));
        Files.write(csv, lines);
        return rules;
    }

    @Test
    void aMovedThresholdIsCountedAndExemplifiedWithoutGoingLive(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        // Seven weeks of each drug: adequate under 6 weeks, not under 8. Ten weeks: adequate under both.
        String sevenWeeks = plan(withRecordedTrials(49));
        String tenWeeks = plan(withRecordedTrials(70));
        String counted = plan(Requests.complete());
        assertThat(audit.flush(Duration.ofSeconds(10))).isTrue();
        String active = lead().get("/api/v1/rules").jsonPath().getString("version");

        Path candidate = copyWith(tmp, "ADEQUATE_TRIAL_WEEKS", "6", "8");
        Response r = lead().contentType("application/zip").body(zip(candidate)).post("/api/v1/rules/check");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        JsonNode report = Requests.JSON.readTree(r.asString());
        assertThat(report.path("accepted").asBoolean()).isTrue();
        assertThat(report.path("activated").asBoolean()).isFalse();
        assertThat(report.path("caller").asText()).isEqualTo(SignedIn.LEAD);
        JsonNode impact = report.path("impact");
        assertThat(impact.path("activeVersion").asText()).isEqualTo(active);
        assertThat(impact.path("candidateVersion").asText()).isEqualTo(report.path("version").asText()).isNotEqualTo(active);
        // Every recorded plan of the window: these three and any another test of this class recorded.
        int recorded = store.requests(java.time.Instant.EPOCH, java.time.Instant.now(), 100_000).size();
        assertThat(recorded).isGreaterThanOrEqualTo(3);
        assertThat(impact.path("recorded").asInt()).isEqualTo(recorded);
        assertThat(impact.path("scenarios").asInt()).isPositive();
        // Only the seven-week plan changes; no scenario records trials, so none changes.
        assertThat(impact.path("changed").asInt()).isEqualTo(1);
        assertThat(impact.path("changes").path("ELIGIBILITY").asInt()).isEqualTo(1);
        assertThat(impact.path("changes").path("TRIAGE").asInt()).isZero();
        JsonNode eligibility = null;
        for (JsonNode e : impact.path("examples")) {
            assertThat(e.path("id").asText()).isEqualTo(sevenWeeks).isNotIn(tenWeeks, counted);
            assertThat(e.path("source").asText()).isEqualTo("RECORDED");
            if (e.path("kind").asText().equals("ELIGIBILITY")) {
                eligibility = e;
            }
        }
        assertThat(eligibility).isNotNull();
        assertThat(eligibility.path("before").asText()).isEqualTo("ELIGIBLE");
        assertThat(eligibility.path("after").asText()).isNotEqualTo("ELIGIBLE");
        assertThat(eligibility.path("rulesDisappeared").toString()).contains("DX-02b");
        assertThat(eligibility.path("rulesAppeared").toString()).contains("DX-02c");

        // Informs only: the active rules are unchanged, and the report stays readable as the last candidate.
        JsonNode rules = Requests.JSON.readTree(lead().get("/api/v1/rules").asString());
        assertThat(rules.path("version").asText()).isEqualTo(active);
        assertThat(rules.path("lastCandidate").path("version").asText()).isEqualTo(report.path("version").asText());
        assertThat(rules.path("lastCandidate").path("impact").path("changed").asInt()).isEqualTo(1);
    }

    @Test
    void aCandidateTheGateRefusesIs422WithWhyAndNoImpact(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path candidate = copyWith(tmp, "BENZO_THRESHOLD_MG", "8", "9");
        Response r = lead().contentType("application/zip").body(zip(candidate)).post("/api/v1/rules/check");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode report = Requests.JSON.readTree(r.asString());
        assertThat(report.path("accepted").asBoolean()).isFalse();
        assertThat(report.path("rejection").toString()).contains("diazepam_9mg_may_blunt");
        assertThat(report.path("impact").isNull()).isTrue();
    }

    @Test
    void anUploadThatIsNotARulesZipIsRefusedBeforeAnyWork() throws Exception {
        lead().contentType("application/zip").body("not a zip".getBytes()).post("/api/v1/rules/check")
                .then().statusCode(400).contentType("application/problem+json");
        lead().contentType(ContentType.JSON).body("{}").post("/api/v1/rules/check").then().statusCode(415);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("../../escape.drl"));
            zip.write("rule".getBytes());
            zip.closeEntry();
        }
        lead().contentType("application/zip").body(bytes.toByteArray()).post("/api/v1/rules/check")
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("outside"));
        SignedIn.asClinician().baseUri("http://" + management.getHost()).port(management.getPort())
                .contentType("application/zip").body(bytes.toByteArray()).post("/api/v1/rules/check")
                .then().statusCode(403);
    }

    @Test
    void aReloadReportsItsImpactOnceReplayed() throws Exception {
        plan(Requests.complete());
        assertThat(audit.flush(Duration.ofSeconds(10))).isTrue();
        lead().post("/api/v1/rules/reload").then().statusCode(200);
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode last;
        do {
            Thread.sleep(100);
            last = Requests.JSON.readTree(lead().get("/api/v1/rules").asString()).path("lastCandidate");
        } while (last.path("impactPending").asBoolean() && System.currentTimeMillis() < deadline);
        assertThat(last.path("activated").asBoolean()).isTrue();
        assertThat(last.path("impactPending").asBoolean()).isFalse();
        // The same files again: nothing changes, and every recorded plan was replayed.
        assertThat(last.path("impact").path("recorded").asInt()).isPositive();
        assertThat(last.path("impact").path("changed").asInt()).isZero();
    }
}
