package org.ketaplan.authoring;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.ketaplan.plan.RequestReader;
import org.ketaplan.ruleset.RuleBaseHolder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The packaged application's entry point. Without arguments it is the service. {@code check <dir>} is the clinical
 * lead's check where the service runs (the jar, the container image): the rules in {@code dir} are judged as a reload
 * would judge them, and replayed against the active rules ({@code ketaplan.rules.dir}) over the recorded plans of
 * the configured database and every scenario; the exit status is 0 when they would be accepted.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("check")) {
            // Beside a running service on the same machine: no fixed ports, no file watcher, no schema changes (a
            // newer jar must not migrate the database ahead of the service that uses it).
            System.setProperty("quarkus.flyway.migrate-at-start", "false");
            System.setProperty("quarkus.flyway.\"pg\".migrate-at-start", "false");
            System.setProperty("quarkus.http.port", "0");
            System.setProperty("quarkus.management.port", "0");
            System.setProperty("quarkus.http.host", "127.0.0.1");
            System.setProperty("quarkus.management.host", "127.0.0.1");
            System.setProperty("ketaplan.rules.watch", "false");
            System.setProperty("quarkus.log.level", "WARN");
            // A start-up that fails (the embedded database held by a running service, a broken active rule set) is
            // not a verdict on the candidate: exit 3, never the 1 of a rejection.
            Quarkus.run(Check.class, (status, failure) -> System.exit(failure != null ? 3 : status), args);
        } else {
            Quarkus.run(args);
        }
    }

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
            RulesCheck.Report report = RulesCheck.run(dir, reader, json,
                    candidate -> impact.compare(holder.current(), candidate, dir), mutations);
            System.out.println(report.text());
            return report.passed() ? 0 : 1;
        }
    }
}
