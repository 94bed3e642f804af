package org.ketaplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image's promises about who may change what, read from the Dockerfile (no container engine runs where the tests
 * do): the application is root's and only readable by the service, which runs as user 185 and may write to its data
 * directory alone; and the management port is opened to every interface by the image only, never by the
 * application's own configuration, which also serves a service started straight from the jar on a shared machine.
 */
class DockerfileTest {

    static final String SERVICE_USER = "185";
    static final List<List<String>> STAGES = new ArrayList<>();

    /** Instructions stage by stage: continuation lines joined, comments dropped. */
    @BeforeAll
    static void read() throws IOException {
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("Dockerfile"), StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().strip();
            current.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            if (keyword(instruction).equals("FROM")) {
                STAGES.add(new ArrayList<>());
            }
            STAGES.get(STAGES.size() - 1).add(instruction);
        }
        assertThat(STAGES).as("a build stage and a run stage").hasSizeGreaterThanOrEqualTo(2);
    }

    static String keyword(String instruction) {
        return instruction.split("\\s+", 2)[0].toUpperCase();
    }

    static List<String> words(String instruction) {
        return Arrays.asList(instruction.split("\\s+"));
    }

    static List<String> runStage() {
        return STAGES.get(STAGES.size() - 1);
    }

    /** Each shell command of the stage's RUN instructions, as words. */
    static List<List<String>> commands(List<String> stage) {
        List<List<String>> out = new ArrayList<>();
        for (String instruction : stage) {
            if (keyword(instruction).equals("RUN")) {
                for (String command : instruction.substring(3).split("&&|;|\\|\\|")) {
                    if (!command.isBlank()) {
                        out.add(words(command.strip()));
                    }
                }
            }
        }
        return out;
    }

    /** A service able to rewrite its jars or rules could turn one file-write flaw into code run at the next start. */
    @Test
    void theApplicationFilesAreCopiedRootOwned() {
        List<String> copies = runStage().stream().filter(i -> keyword(i).equals("COPY") || keyword(i).equals("ADD"))
                .filter(i -> words(i).get(words(i).size() - 1).startsWith("/deployments")).toList();
        assertThat(copies).as("the application's files").isNotEmpty();
        assertThat(copies).allSatisfy(i -> assertThat(i).doesNotContain("--chown"));
    }

    /** COPY keeps the build stage's modes: they must already let user 185 read and only root write. */
    @Test
    void theBuildStageMakesThemReadableAndWritableByRootAlone() {
        List<List<String>> chmods = commands(STAGES.get(0)).stream().filter(c -> c.get(0).equals("chmod")).toList();
        assertThat(chmods).anySatisfy(c -> {
            assertThat(c).contains("-R", "a+rX,go-w");
            assertThat(c).contains("target/quarkus-app", "rules");
        });
    }

    /** The base image gives its user /deployments, which would let it replace quarkus-run.jar and the snapshot. */
    @Test
    void onlyTheDataDirectoryBelongsToTheServiceUser() {
        List<String> toService = new ArrayList<>();
        List<String> toRoot = new ArrayList<>();
        for (List<String> c : commands(runStage())) {
            if (!c.get(0).equals("chown")) {
                continue;
            }
            List<String> args = c.stream().skip(1).filter(a -> !a.startsWith("-")).toList();
            String owner = args.get(0).split("[:.]")[0];
            List<String> paths = args.subList(1, args.size());
            if (owner.equals(SERVICE_USER) || owner.equals("jboss")) {
                toService.addAll(paths);
            } else if (owner.equals("root") || owner.equals("0")) {
                toRoot.addAll(paths);
            }
        }
        assertThat(toService).containsExactly("/deployments/data");
        assertThat(toRoot).contains("/deployments");
    }

    @Test
    void theServiceRunsAsItsOwnNonRootUser() {
        List<String> users = runStage().stream().filter(i -> keyword(i).equals("USER")).toList();
        assertThat(users).isNotEmpty();
        assertThat(words(users.get(users.size() - 1)).get(1)).isEqualTo(SERVICE_USER);
    }

    /**
     * In a container, loopback is out of reach of the probes and the port publishing, so the image opens port 9000 to
     * every interface and leaves the rest to the host or the cluster; a jar started on a shared machine must not.
     */
    @Test
    void theManagementPortIsOpenedByTheImageOnly() throws IOException {
        String javaOpts = runStage().stream().filter(i -> keyword(i).equals("ENV") && i.contains("JAVA_OPTS_APPEND"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(javaOpts).contains("-Dquarkus.management.host=0.0.0.0");

        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        String prod = properties.getProperty("%prod.quarkus.management.host",
                properties.getProperty("quarkus.management.host"));
        assertThat(prod).as("quarkus.management.host in production").isIn("127.0.0.1", "localhost");
        properties.stringPropertyNames().stream().filter(k -> k.endsWith("quarkus.management.host"))
                .forEach(k -> assertThat(properties.getProperty(k)).as(k).isNotEqualTo("0.0.0.0"));
    }
}
