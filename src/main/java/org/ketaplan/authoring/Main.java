package org.ketaplan.authoring;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.ketaplan.plan.RequestReader;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleBaseHolder;
import org.ketaplan.ruleset.RuleBaseLoader;
import org.ketaplan.ruleset.RuleSnapshot;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The packaged application's entry point. Without arguments it is the service. {@code check <dir>} is the clinical
 * lead's check where the service runs (the jar, the container image): the rules in {@code dir} are judged as a reload
 * would judge them, and replayed against the active rules ({@code ketaplan.rules.dir}) over the recorded plans of
 * the configured database and every scenario; the exit status is 0 when they would be accepted.
 * {@code snapshot <file>} is the build's step (pom.xml): it writes the rule set it started with, compiled and gated,
 * for start-ups on the same rules and application to use ({@link RuleSnapshot}).
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("check")) {
            // Beside a running service on the same machine: no fixed ports, no file watcher, no schema changes (a
            // newer jar must not migrate the database ahead of the service that uses it).
            System.setProperty("quarkus.flyway.migrate-at-start", "false");
            System.setProperty("quarkus.flyway.\"pg\".migrate-at-start", "false");
            oneOffRun();
            readRecordsFromACopy();
            // A start-up that fails (the embedded database held by a running service, a broken active rule set) is
            // not a verdict on the candidate: exit 3, never the 1 of a rejection.
            Quarkus.run(Check.class, (status, failure) -> System.exit(failure != null ? 3 : status), args);
        } else if (args.length > 0 && args[0].equals("snapshot")) {
            // A throw-away service with its own empty embedded database.
            oneOffRun();
            try {
                System.setProperty("ketaplan.data-dir",
                        Files.createTempDirectory("ketaplan-snapshot").toAbsolutePath().toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Quarkus.run(Snapshot.class, (status, failure) -> System.exit(failure != null ? 3 : status), args);
        } else {
            if (args.length == 0) {
                RuleSnapshot.preload();
            }
            Quarkus.run(args);
        }
    }

    /**
     * {@code snapshot <file>}: the active rule set (the configured rules directory, which start-up compiled and gated
     * or refused to start on: exit 3) is written to {@code file}, beside quarkus-run.jar for start-ups to find.
     */
    public static class Snapshot implements QuarkusApplication {

        @Inject
        RuleBaseHolder holder;

        @Inject
        ScenarioGate gate;

        @Override
        public int run(String... args) {
            if (args.length != 2 || RuleSnapshot.applicationDirectory().isEmpty()) {
                System.err.println("usage: java -jar quarkus-run.jar snapshot <file>");
                return 2;
            }
            Path file = Path.of(args[1]);
            RuleBase gated = holder.current();
            String rules = RuleSnapshot.directoryHash(Path.of(holder.rulesDir()));
            // The files must still be the ones start-up compiled: a snapshot names exactly what it holds.
            if (!rules.equals(holder.startedFrom())) {
                System.err.println("the rules changed while the snapshot was being made; run it again");
                return 1;
            }
            RuleSnapshot.write(file, RuleSnapshot.applicationFingerprint(RuleSnapshot.applicationDirectory().get()),
                    rules, gated);
            // What start-ups will serve is the snapshot read back, not the rule set written: that is what must pass.
            String refused = readBackAndGate(file, gated);
            if (refused != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    System.err.println("cannot delete " + file + ": " + e.getMessage());
                }
                System.err.println("the snapshot read back is refused: " + refused);
                return 1;
            }
            System.out.printf("rule set %s (%d rules) written to %s, read back and gated%n", gated.version(),
                    gated.rules().size(), file);
            return 0;
        }

        private String readBackAndGate(Path file, RuleBase gated) {
            RuleBase back;
            try {
                back = new RuleBaseLoader(Path.of(holder.rulesDir()), holder.rulesDir())
                        .load(RuleSnapshot.readHeader(file)).orElse(null);
            } catch (java.io.IOException | RuntimeException e) {
                return e.toString();
            }
            if (back == null) {
                return "the rules changed while it was written";
            }
            try {
                if (!back.rules().equals(gated.rules())) {
                    return "its rules differ from the ones compiled";
                }
                var outcome = gate.check(back, Path.of(holder.rulesDir()));
                if (!outcome.passed()) {
                    return outcome.failures().size() + " scenario(s) fail on it, first " + outcome.failures().get(0);
                }
                if (!outcome.scenariosByRuleId().equals(gated.scenariosByRuleId())) {
                    return "its scenarios exercise other rules than the compiled rule set's";
                }
                return null;
            } finally {
                back.dispose();
            }
        }
    }

    /**
     * A run that does one thing and exits: loopback only, no ports to clash with a service beside it, no file watcher,
     * the active rules compiled and gated here (never from a snapshot), and nothing else building on the two cores.
     */
    private static void oneOffRun() {
        System.setProperty("quarkus.http.port", "0");
        System.setProperty("quarkus.management.port", "0");
        System.setProperty("quarkus.http.host", "127.0.0.1");
        System.setProperty("quarkus.management.host", "127.0.0.1");
        System.setProperty("ketaplan.rules.watch", "false");
        System.setProperty("ketaplan.rules.snapshot", "none");
        System.setProperty("ketaplan.rules.warm-up", "false");
        System.setProperty("quarkus.log.level", "WARN");
    }

    /**
     * The check replays the plans the service recorded. PostgreSQL is shared and read as configured. The embedded H2
     * file is held by a running service (a second process cannot open it, and the check would not start), so the
     * check opens a copy of it, and never creates a database where the service keeps its own.
     */
    private static void readRecordsFromACopy() {
        String pg = System.getProperty("quarkus.datasource.\"pg\".jdbc.url", System.getenv("QUARKUS_DATASOURCE__PG__JDBC_URL"));
        if (pg != null && !pg.isBlank()) {
            System.setProperty(RECORDS_FROM, "read from the PostgreSQL database the service is configured with");
            return;
        }
        // The service's own default (application.properties) unless the operator set it, as for the service.
        Path dataDir = Path.of(System.getProperty("ketaplan.data-dir",
                java.util.Objects.requireNonNullElse(System.getenv("KETAPLAN_DATA_DIR"), "./data")));
        try {
            java.util.Optional<Path> copy = RecordedPlans.copyOfH2(dataDir);
            Path file = copy.orElse(Files.createTempDirectory("ketaplan-check").resolve(RecordedPlans.H2_FILE));
            System.setProperty("quarkus.datasource.jdbc.url", RecordedPlans.h2Url(file) + ";DB_CLOSE_ON_EXIT=FALSE");
            Path shown = dataDir.resolve(RecordedPlans.H2_FILE).toAbsolutePath().normalize();
            System.setProperty(RECORDS_FROM, copy.isPresent() ? "read from a copy of " + shown
                    : "none: " + shown + " does not exist (is ketaplan.data-dir the service's?)");
            if (copy.isEmpty()) {
                System.setProperty("ketaplan.impact.max-recorded", "0");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> RecordedPlans.deleteCopy(file)));
        } catch (java.io.IOException e) {
            // Never the service's own file: an empty database of the check's own, and no recorded plans.
            System.setProperty("quarkus.datasource.jdbc.url", "jdbc:h2:mem:ketaplan-check;DB_CLOSE_DELAY=-1");
            System.setProperty("ketaplan.impact.max-recorded", "0");
            System.setProperty(RECORDS_FROM, "none: the embedded database could not be copied ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static final String RECORDS_FROM = "ketaplan.check.records-from";

    /**
     * {@code check [--skip-mutations] <dir>}: prints the report, exits 0 (accepted), 1 (rejected), 2 (usage) or
     * 3 (the service itself could not start: see its log).
     * Proving the gate by mutation takes minutes; a lead iterating on an edit may skip it until the last run.
     */
    public static class Check implements QuarkusApplication {

        @Inject
        RuleBaseHolder holder;

        @Inject
        ImpactAnalysis impact;

        @Inject
        RequestReader reader;

        @Inject
        ObjectMapper json;

        @Override
        public int run(String... args) {
            boolean mutations = !(args.length == 3 && args[1].equals("--skip-mutations"));
            if (args.length != (mutations ? 2 : 3) || !Files.isDirectory(Path.of(args[args.length - 1]))) {
                System.err.println("usage: java -jar quarkus-run.jar check [--skip-mutations] <rules directory>");
                return 2;
            }
            Path dir = Path.of(args[args.length - 1]);
            RulesCheck.Active active = new RulesCheck.Active(Path.of(holder.rulesDir()),
                    holder.current().scenariosByRuleId().keySet(), System.getProperty(RECORDS_FROM));
            RulesCheck.Report report = RulesCheck.run(dir, reader, json,
                    candidate -> impact.compare(holder.current(), candidate, dir), mutations, active);
            System.out.println(report.text());
            return report.passed() ? 0 : 1;
        }
    }
}
