package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service refuses to start on a broken rules/ directory, and says which file and line. Runs
 * the real jar in its own JVM from a directory that holds the broken copy, as an operator would.
 */
class StartupWithBrokenRulesIT {

    @Test
    void brokenDrlStopsStartupNamingFileAndLine(@TempDir Path workDir) throws Exception {
        TestRules.copyAll(workDir.resolve("rules"));
        Path broken = workDir.resolve("rules/ketamine/broken.drl");
        Files.writeString(broken, """
                package ketamine;
                import org.ketaplan.facts.*;

                rule "Broken on purpose"
                    @id("CI-03z") @strength("FIRM") @source("test") @reviewed("2026-11-21")
                    when
                        Patient( ageYears > )
                    then
                end
                """);
        assertStartupFailsWith(workDir, "rules/ketamine/broken.drl:7");
    }

    /** PAR-01: a blank BP hard stop must stop the service, not switch the hard stop off. */
    @Test
    void blankSafetyParameterStopsStartupNamingFileLineAndParameter(@TempDir Path workDir) throws Exception {
        TestRules.copyAll(workDir.resolve("rules"));
        Path csv = workDir.resolve("rules/parameters.csv");
        java.util.List<String> lines = Files.readAllLines(csv);
        int line = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("BP_HARD_STOP_SYSTOLIC,")) {
                lines.set(i, lines.get(i).replace("BP_HARD_STOP_SYSTOLIC,180,", "BP_HARD_STOP_SYSTOLIC,,"));
                line = i + 1;
            }
        }
        Files.write(csv, lines);
        assertStartupFailsWith(workDir,
                "rules/parameters.csv:" + line + ": parameter BP_HARD_STOP_SYSTOLIC is required and blank");
    }

    private static void assertStartupFailsWith(Path workDir, String message) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path log = workDir.resolve("out.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dketaplan.rules.dir=rules", "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean exited = p.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String output = read(log);
        assertThat(exited).as("service must not start with broken rules; output:%n%s", output).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(output).contains(message);
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
