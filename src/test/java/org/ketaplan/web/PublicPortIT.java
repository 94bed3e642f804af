package org.ketaplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.ruleset.TestRules;

/**
 * The packaged jar with its production defaults, as a deployment on one machine runs it, with local users an
 * operator has configured (hashed passwords) and explicitly allowed: the public port serves plans and the page
 * but nothing that changes or reveals the rule set, no metrics, no OpenAPI and no Swagger UI; the management
 * port has the operations, for the roles that may use them.
 */
class PublicPortIT {

    @TempDir
    static Path workDir;
    static Process process;
    static int publicPort;
    static int managementPort;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        TestRules.copyAll(workDir.resolve("rules"));
        Path log = workDir.resolve("out.log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0", "-Dketaplan.security.local-users=true",
                SignedIn.localUser(SignedIn.CLINICIAN, "clinician"), SignedIn.localRole(SignedIn.CLINICIAN, "clinician"),
                SignedIn.localUser(SignedIn.LEAD, "s3cret-lead"), SignedIn.localRole(SignedIn.LEAD, "clinical-lead"),
                "-jar", jar.toString())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Pattern listening = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
        Pattern management = Pattern.compile("[Mm]anagement interface listening on http://[^:]+:(\\d+)");
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline && (publicPort == 0 || managementPort == 0)) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            Matcher p = listening.matcher(out);
            Matcher m = management.matcher(out);
            publicPort = p.find() ? Integer.parseInt(p.group(1)) : 0;
            managementPort = m.find() ? Integer.parseInt(m.group(1)) : 0;
            assertThat(process.isAlive()).as("service exited:%n%s", out).isTrue();
            Thread.sleep(200);
        }
        assertThat(publicPort).as("public port in the log").isPositive();
        assertThat(managementPort).as("management port in the log").isPositive();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int status(int port, String method, String path) throws Exception {
        return status(port, method, path, null);
    }

    static int status(int port, String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b = b.header("Authorization", authorization);
        }
        b = method.equals("POST") ? b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())
                : b.GET();
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String credentials(String who) {
        return switch (who) {
            case "nobody" -> null;
            case "lead" -> "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (SignedIn.LEAD + ":s3cret-lead").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "lead-wrong-password" -> SignedIn.basic(SignedIn.LEAD);
            default -> SignedIn.basic(who);
        };
    }

    /**
     * On one machine the management port (reloads, the audit trail) is this machine's alone; the container image and
     * the Kubernetes recipe open it to their own guarded network (docs/deploy.md).
     */
    @org.junit.jupiter.api.Test
    void managementPortListensOnLoopbackOnly() throws Exception {
        String out = Files.readString(workDir.resolve("out.log"));
        Matcher m = Pattern.compile("[Mm]anagement interface listening on http://([^:/]+):\\d+").matcher(out);
        assertThat(m.find()).as("management interface in the log:%n%s", out).isTrue();
        assertThat(m.group(1)).isIn("127.0.0.1", "localhost");
    }

    @ParameterizedTest(name = "public port: {0} {1} as {2} -> {3}")
    @CsvSource({"GET, /, clinician, 200", "GET, /api/v1/rules, clinician, 200",
            "POST, /api/v1/rules/reload, clinician, 404|405", "GET, /api/v1/rules/traceability, clinician, 404|405",
            "GET, /q/metrics, clinician, 404", "GET, /q/health, clinician, 404", "GET, /q/openapi, clinician, 404",
            "GET, /q/swagger-ui, clinician, 404", "GET, /q/swagger-ui/, clinician, 404", "GET, /q/dev-ui, clinician, 404",
            "GET, /, nobody, 401", "POST, /api/v1/plans, nobody, 401", "GET, /, lead, 403",
            "GET, /, lead-wrong-password, 401"})
    void publicPort(String method, String path, String who, String expected) throws Exception {
        assertThat(String.valueOf(status(publicPort, method, path, credentials(who)))).matches(expected);
    }

    @ParameterizedTest(name = "management port: {0} {1} as {2} -> {3}")
    @CsvSource({"GET, /q/health/ready, nobody, 200", "GET, /q/metrics, nobody, 200",
            "GET, /api/v1/rules, lead, 200", "GET, /api/v1/rules/traceability, lead, 200",
            "POST, /api/v1/rules/reload, lead, 200", "GET, /api/v1/rules, nobody, 401",
            "POST, /api/v1/rules/reload, clinician, 403", "GET, /api/v1/audit, lead, 403",
            // Uploading candidate rules runs them here: off in production unless a site turns it on.
            "POST, /api/v1/rules/check, lead, 403"})
    void managementPort(String method, String path, String who, int expected) throws Exception {
        assertThat(status(managementPort, method, path, credentials(who))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void localUsersInProductionAreAnnouncedInTheLog() throws Exception {
        assertThat(Files.readString(workDir.resolve("out.log")))
                .contains("2 local users can sign in with a password held in configuration");
    }
}
