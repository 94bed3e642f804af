package org.ketaplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaplan.ruleset.TestRules;

/**
 * Local users are for one machine: the packaged service (production profile) refuses to start with any unless an
 * operator allows them explicitly, and says so when nobody can sign in at all.
 */
class LocalUsersIT {

    /** Given as environment variables, as a container is configured: the guard reads what the realm reads. */
    @Test
    void configuredLocalUsersWithoutConsentStopStartup(@TempDir Path workDir) throws Exception {
        String hash = SignedIn.localUser("alice", "a-long-password").replaceFirst(".*=", "");
        Run run = start(workDir, Map.of("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_ALICE", hash,
                "QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_ALICE", "clinician"));
        assertThat(run.process.waitFor(90, TimeUnit.SECONDS)).as("service must not start:%n%s", run.log()).isTrue();
        assertThat(run.process.exitValue()).isNotZero();
        assertThat(run.log()).contains("Local users are configured")
                .contains("KETAPLAN_SECURITY_LOCAL_USERS=true")
                // The refusal names the setting, never a user or a password hash.
                .doesNotContain("alice");
    }

    @Test
    void withNeitherProviderNorLocalUsersTheLogSaysNobodyCanSignIn(@TempDir Path workDir) throws Exception {
        Run run = start(workDir, Map.of());
        try {
            long deadline = System.currentTimeMillis() + 90_000;
            while (!run.log().contains("Listening on") && System.currentTimeMillis() < deadline) {
                assertThat(run.process.isAlive()).as("service exited:%n%s", run.log()).isTrue();
                Thread.sleep(200);
            }
            assertThat(run.log()).contains("No user can sign in");
        } finally {
            run.process.destroy();
            if (!run.process.waitFor(20, TimeUnit.SECONDS)) {
                run.process.destroyForcibly();
            }
        }
    }

    private record Run(Process process, Path logFile) {
        String log() throws java.io.IOException {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        }
    }

    private static Run start(Path workDir, Map<String, String> environment) throws Exception {
        TestRules.copyAll(workDir.resolve("rules"));
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0"));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = workDir.resolve("out.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        return new Run(p, log);
    }
}
