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
 * The packaged jar with its production defaults, as a deployment runs it: the public port serves plans and
 * the page but nothing that changes or reveals the rule set, no metrics, no OpenAPI and no Swagger UI; the
 * management port has the operations.
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
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0", "-jar", jar.toString())
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        b = method.equals("POST") ? b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())
                : b.GET();
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @ParameterizedTest(name = "public port: {0} {1} -> {2}")
    @CsvSource({"GET, /, 200", "GET, /api/v1/rules, 200", "POST, /api/v1/rules/reload, 404|405",
            "GET, /api/v1/rules/traceability, 404|405", "GET, /q/metrics, 404", "GET, /q/health, 404",
            "GET, /q/openapi, 404", "GET, /q/swagger-ui, 404", "GET, /q/swagger-ui/, 404", "GET, /q/dev-ui, 404"})
    void publicPort(String method, String path, String expected) throws Exception {
        assertThat(String.valueOf(status(publicPort, method, path))).matches(expected);
    }

    @ParameterizedTest(name = "management port: {0} {1} -> {2}")
    @CsvSource({"GET, /q/health/ready, 200", "GET, /q/metrics, 200", "GET, /api/v1/rules, 200",
            "GET, /api/v1/rules/traceability, 200", "POST, /api/v1/rules/reload, 200"})
    void managementPort(String method, String path, int expected) throws Exception {
        assertThat(status(managementPort, method, path)).isEqualTo(expected);
    }
}
