package org.ketaplan.ehr.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaplan.ruleset.TestRules;
import org.ketaplan.web.SignedIn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two replicas of the packaged service on one PostgreSQL, as behind a cluster's load balancer: a draft made by one
 * opens on the other (an EHR card's link may reach either), and a CDS Hooks token used on one is refused by the
 * other. Skipped off CI without PostgreSQL (KETAPLAN_TEST_PG_URL); on CI its absence fails.
 */
class TwoReplicasIT {

    static final String BASE = "http://ketaplan.test";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<Process> REPLICAS = new ArrayList<>();
    static final int[] PORTS = new int[2];

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() throws Exception {
        String url = System.getenv("KETAPLAN_TEST_PG_URL");
        if (url == null && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must start PostgreSQL and set KETAPLAN_TEST_PG_URL (see .ci/run)");
        }
        Assumptions.assumeTrue(url != null, "no PostgreSQL (KETAPLAN_TEST_PG_URL) here");
        TestRules.copyAll(workDir.resolve("rules"));
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        List<String> common = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0",
                "-Dquarkus.datasource.active=false", "-Dketaplan.cds.base-url=" + BASE,
                "-Dketaplan.security.local-users=true", SignedIn.localUser(SignedIn.CLINICIAN, SignedIn.CLINICIAN),
                SignedIn.localRole(SignedIn.CLINICIAN, "clinician")));
        for (Map.Entry<String, String> e : new CdsProfile().getConfigOverrides().entrySet()) {
            common.add("-D" + e.getKey() + "=" + e.getValue());
        }
        for (int i = 0; i < 2; i++) {
            Path dir = Files.createDirectories(workDir.resolve("replica-" + i));
            TestRules.copyAll(dir.resolve("rules"));
            List<String> command = new ArrayList<>(common);
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.log").toFile());
            String user = System.getenv().getOrDefault("KETAPLAN_TEST_PG_USER", "ketaplan");
            String password = System.getenv().getOrDefault("KETAPLAN_TEST_PG_PASSWORD", "ketaplan");
            if (i == 0) {
                // As docs/deploy.md and deploy/kubernetes configure it: environment variables, the datasource's
                // name between double underscores (QUARKUS_DATASOURCE_PG_JDBC_URL is not read as the "pg" one).
                builder.environment().putAll(Map.of("QUARKUS_DATASOURCE__PG__JDBC_URL", url,
                        "QUARKUS_DATASOURCE__PG__USERNAME", user, "QUARKUS_DATASOURCE__PG__PASSWORD", password));
            } else {
                command.addAll(List.of("-Dquarkus.datasource.\"pg\".jdbc.url=" + url,
                        "-Dquarkus.datasource.\"pg\".username=" + user, "-Dquarkus.datasource.\"pg\".password=" + password));
            }
            command.addAll(List.of("-jar", jar.toString()));
            REPLICAS.add(builder.start());
        }
        Pattern listening = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
        long deadline = System.currentTimeMillis() + 120_000;
        for (int i = 0; i < 2; i++) {
            Path log = workDir.resolve("replica-" + i).resolve("out.log");
            while (PORTS[i] == 0) {
                String out = Files.exists(log) ? Files.readString(log) : "";
                Matcher m = listening.matcher(out);
                PORTS[i] = m.find() ? Integer.parseInt(m.group(1)) : 0;
                assertThat(REPLICAS.get(i).isAlive()).as("replica %d exited:%n%s", i, out).isTrue();
                assertThat(System.currentTimeMillis()).as("replica %d did not start:%n%s", i, out).isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).as("replica %d records on PostgreSQL", i)
                    .contains("Audit record on postgresql");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : REPLICAS) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        // Kept for a failure's diagnosis: the service logs hold ids and reasons, never patient data.
        for (int i = 0; i < REPLICAS.size(); i++) {
            Path log = workDir.resolve("replica-" + i).resolve("out.log");
            if (Files.exists(log)) {
                Files.copy(log, Path.of("target", "two-replicas-" + i + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static HttpResponse<String> cds(int replica, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORTS[replica] + "/cds-services/ketamine-plan"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String signed() {
        return CdsHooksTest.token(BASE + "/cds-services/ketamine-plan", UUID.randomUUID().toString(),
                Instant.now().plusSeconds(300));
    }

    @Test
    void aDraftMadeByOneReplicaOpensOnTheOther() throws Exception {
        HttpResponse<String> r = cds(0, signed(), CdsHooksTest.patientView(Map.of()).toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode card = CdsHooksTest.read(r.body()).path("cards").get(0);
        String link = card.path("links").get(0).path("url").asText();
        Matcher id = Pattern.compile("draft=([A-Za-z0-9_-]{22})").matcher(link);
        assertThat(id.find()).as(link).isTrue();
        HttpResponse<String> draft = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + PORTS[1] + "/api/v1/drafts/" + id.group(1)))
                .header("Authorization", SignedIn.basic(SignedIn.CLINICIAN)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(200);
        assertThat(CdsHooksTest.read(draft.body()).path("id").asText()).isEqualTo(id.group(1));
    }

    @Test
    void aTokenUsedOnOneReplicaIsRefusedByTheOther() throws Exception {
        String token = signed();
        String body = CdsHooksTest.patientView(Map.of()).toString();
        assertThat(cds(0, token, body).statusCode()).isEqualTo(200);
        assertThat(cds(1, token, body).statusCode()).isEqualTo(401);
        assertThat(cds(0, token, body).statusCode()).isEqualTo(401);
    }
}
