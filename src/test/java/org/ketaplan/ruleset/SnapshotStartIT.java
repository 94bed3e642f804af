package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaplan.web.SignedIn;

/**
 * The packaged service starts from the build's rule snapshot when its rules directory holds exactly the files the
 * build compiled and gated (pom.xml, RuleSnapshot): its scenarios pass here before it is ready, and nothing is
 * compiled while it serves. Any other directory is compiled and gated at start-up as before.
 */
class SnapshotStartIT {

    private static final Pattern PORT = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private static final Pattern MANAGEMENT = Pattern.compile("Management interface listening on http://[^:]+:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theBuildsRulesStartFromTheSnapshotAndNothingIsCompiledWhileServing(@TempDir Path workDir) throws Exception {
        TestRules.copyAll(workDir.resolve("rules"));
        Process p = start(workDir);
        try {
            String log = waitFor(p, workDir, "Listening on", 90);
            assertThat(log).contains("The build's snapshot passed every scenario here")
                    .contains("with the build's snapshot (compiled and gated by the build, its scenarios passed here)")
                    .doesNotContain("differ from the ones the build compiled");
            int port = port(PORT, log);
            int management = port(MANAGEMENT, log);
            assertThat(get(management, "/q/health/ready").statusCode()).isEqualTo(200);
            assertPlans(port);
            Thread.sleep(2_000);
            assertPlans(port);
            assertThat(Files.readString(workDir.resolve("out.log"))).doesNotContain("compiled and gated here")
                    .doesNotContain("Reload path warmed up");
        } finally {
            stop(p);
        }
    }

    @Test
    void otherRulesAreCompiledAndGatedAtStartUp(@TempDir Path workDir) throws Exception {
        TestRules.copyAll(workDir.resolve("rules"));
        Path table = workDir.resolve("rules/scenarios/tables/corrections.csv");
        Files.writeString(table, Files.readString(table) + "# a site's own comment: the same cases, other files\n");
        Process p = start(workDir);
        try {
            String log = waitFor(p, workDir, "Listening on", 120);
            assertThat(log).contains("differ from the ones the build compiled; compiling them")
                    .doesNotContain("with the build's snapshot");
            assertPlans(port(PORT, log));
        } finally {
            stop(p);
        }
    }

    private static void assertPlans(int port) throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/requests/contract-example.json"));
        HttpResponse<String> plan = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/plans"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "clinician:a-long-password".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        assertThat(plan.body()).contains("\"triage\"").contains("\"ruleId\"");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Process start(Path workDir) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar.resolveSibling(RuleSnapshot.FILE_NAME)).as("the build writes the snapshot").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0", "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.host=127.0.0.1", "-Dketaplan.rules.dir=rules",
                "-Dketaplan.data-dir=" + workDir.resolve("data"), "-Dketaplan.security.local-users=true",
                SignedIn.localUser("clinician", "a-long-password"), SignedIn.localRole("clinician", "clinician"),
                "-jar", jar.toString()));
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.log").toFile()).start();
    }

    private static String waitFor(Process p, Path workDir, String text, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        Path logFile = workDir.resolve("out.log");
        while (true) {
            String log = Files.exists(logFile) ? Files.readString(logFile) : "";
            if (log.contains(text)) {
                return log;
            }
            assertThat(p.isAlive()).as("service exited:%n%s", log).isTrue();
            assertThat(System.currentTimeMillis()).as("no '%s' within %d s:%n%s", text, seconds, log).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static int port(Pattern pattern, String log) {
        Matcher m = pattern.matcher(log);
        assertThat(m.find()).as(log).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
