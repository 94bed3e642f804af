package org.ketaplan.authoring;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleBaseLoader;

/**
 * The clinical lead's check command from the source folder, run by the rules-check profile (not part of the suite):
 * {@code ./mvnw -q test -Prules-check -Drules=path/to/rules}. It is a program, not a test, so that a rejection
 * ends with the report and exit status 1, not with a test runner's failure trace.
 *
 * <p>The candidate is compared with the rules of this working tree ({@code -Dactive}) over every scenario and the
 * plans the service run from here ({@code ./mvnw quarkus:dev}) recorded in {@code ./data} ({@code -Ddata}), or in
 * the PostgreSQL database the service is configured with ({@code QUARKUS_DATASOURCE__PG__JDBC_URL} and its
 * {@code _USERNAME}, {@code _PASSWORD}).
 */
public final class RulesCheckRunner {

    private RulesCheckRunner() {
    }

    public static void main(String[] args) {
        int status;
        try {
            // The report is the output. Inside Maven's process nothing configures the log manager: every library
            // would log at trace level, and Drools' own tracing then fails (a ClassCastException in RuleNameExtractor).
            org.jboss.logmanager.LogContext.getSystemLogContext().getLogger("").setLevel(java.util.logging.Level.WARNING);
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            status = check() ? 0 : 1;
        } catch (RuntimeException | Error e) {
            // Not a verdict on the rules: the command itself failed.
            e.printStackTrace();
            status = 3;
        }
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }

    private static boolean check() {
        Path dir = Path.of(System.getProperty("rules", "rules"));
        Path activeDir = Path.of(System.getProperty("active", "rules"));
        boolean mutations = !Boolean.getBoolean("skipMutations");
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(Integer.getInteger("windowDays", 30)));
        RecordedPlans.Found recorded = RecordedPlans.read(Path.of(System.getProperty("data", "data")),
                System.getenv("QUARKUS_DATASOURCE__PG__JDBC_URL"),
                System.getenv().getOrDefault("QUARKUS_DATASOURCE__PG__USERNAME", ""),
                System.getenv().getOrDefault("QUARKUS_DATASOURCE__PG__PASSWORD", ""), from, to, 10_000);
        RuleBase active = new RuleBaseLoader(activeDir, activeDir.toString()).load();
        var activeGate = new ScenarioGate(Plans.reader(), Requests.JSON).check(active, activeDir);
        RulesCheck.Active compared = new RulesCheck.Active(activeDir, activeGate.scenariosByRuleId().keySet(),
                recorded.source());
        RulesCheck.Report report = RulesCheck.run(dir, Plans.reader(), Requests.JSON, candidate ->
                ImpactAnalysis.compare(active, candidate, dir, recorded.requests(), from, to, Plans.reader(),
                        Requests.JSON, org.ketaplan.plan.SiteConfig.Site.UNKNOWN), mutations, compared);
        System.out.println();
        System.out.println(report.text());
        active.dispose();
        return report.passed();
    }
}
