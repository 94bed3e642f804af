package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;

/**
 * The clinical lead's check command, run by the rules-check profile (not part of the normal suite):
 * {@code ./mvnw -q test -Prules-check -Drules=path/to/rules}. Prints the report; fails when the rules
 * would be rejected.
 */
class RulesCheckRunner {

    @Test
    void check() {
        Path dir = Path.of(System.getProperty("rules", "rules"));
        // What the candidate would change over the rules in this working tree, by the scenarios (here there is no
        // database of recorded plans; the packaged application's check replays those too).
        Path active = Path.of(System.getProperty("active", "rules"));
        RulesCheck.Report report = RulesCheck.run(dir, Plans.reader(), Requests.JSON, candidate ->
                ImpactAnalysis.compare(new org.ketaplan.ruleset.RuleBaseLoader(active, "rules").load(), candidate, dir,
                        java.util.List.of(), null, null, Plans.reader(), Requests.JSON,
                        org.ketaplan.plan.SiteConfig.Site.UNKNOWN), true);
        System.out.println();
        System.out.println(report.text());
        assertThat(report.passed()).as("the rules in %s would be rejected (see the report above)", dir).isTrue();
    }
}
