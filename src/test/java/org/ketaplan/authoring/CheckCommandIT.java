package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaplan.ruleset.TestRules;

/**
 * The check where a clinical lead has the service and not the source: the packaged jar's {@code check} command,
 * beside the active rules of its working directory. Exit 0 and the impact when the candidate would be accepted,
 * 1 with the file and line when not.
 */
class CheckCommandIT {

    private static Process run(Path workDir, String... args) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.log").toFile()).start();
    }

    private static String finish(Process p, Path workDir) throws Exception {
        boolean exited = p.waitFor(180, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String out = Files.readString(workDir.resolve("out.log"));
        assertThat(exited).as("check did not finish:%n%s", out).isTrue();
        return out;
    }

    @Test
    void anAcceptableEditIsPassedWithItsImpact(@TempDir Path workDir) throws Exception {
        TestRules.copyAll(workDir.resolve("rules"));
        Path candidate = ImpactTest.copyWith(workDir.resolve("candidate"), "ADEQUATE_TRIAL_WEEKS", "6", "8");
        Process p = run(workDir, "check", "--skip-mutations", candidate.toString());
        String out = finish(p, workDir);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("Impact over the active rules").contains("scenarios replayed")
                .contains("Recorded plans: none: ").contains("PASSED: these rules would be accepted.");
    }

    /** The plans a running service recorded are replayed, although that service holds its embedded database. */
    @Test
    void theRunningServicesRecordedPlansAreReplayed(@TempDir Path workDir) throws Exception {
        TestRules.copyAll(workDir.resolve("rules"));
        Path candidate = ImpactTest.copyWith(workDir.resolve("candidate"), "ADEQUATE_TRIAL_WEEKS", "6", "8");
        String request = Files.readString(Path.of("rules/scenarios/bases/complete.json"));
        try (var held = RecordedPlansTest.heldDatabase(Files.createDirectories(workDir.resolve("data")), request)) {
            Process p = run(workDir, "check", "--skip-mutations", candidate.toString());
            String out = finish(p, workDir);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains(": 1 recorded plans (")
                    .containsPattern("Recorded plans: read from a copy of .*data/audit\\.mv\\.db\\.");
        }
    }

    @Test
    void aBrokenEditIsRejectedNamingFileAndLine(@TempDir Path workDir) throws Exception {
        TestRules.copyAll(workDir.resolve("rules"));
        Path candidate = workDir.resolve("candidate/rules");
        TestRules.copyAll(candidate);
        Files.writeString(candidate.resolve("ketamine/broken.drl"), """
                package ketamine;
                rule "Broken on purpose"
                    @id("CI-03z") @strength("FIRM") @source("test") @reviewed("2026-11-21")
                    when
                        Patient( ageYears > )
                    then
                end
                """);
        Process p = run(workDir, "check", "--skip-mutations", candidate.toString());
        String out = finish(p, workDir);
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("REJECTED").contains("rules/ketamine/broken.drl:5");
    }

    @Test
    void withoutADirectoryItSaysHowToCallIt(@TempDir Path workDir) throws Exception {
        TestRules.copyAll(workDir.resolve("rules"));
        Process p = run(workDir, "check");
        String out = finish(p, workDir);
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("usage: java -jar quarkus-run.jar check");
    }
}
