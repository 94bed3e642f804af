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
        RulesCheck.Report report = RulesCheck.run(dir, Plans.reader(), Requests.JSON);
        System.out.println();
        System.out.println(report.text());
        assertThat(report.passed()).as("the rules in %s would be rejected (see the report above)", dir).isTrue();
    }
}
