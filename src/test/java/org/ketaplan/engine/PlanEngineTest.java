package org.ketaplan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaplan.conclusions.Monitoring;
import org.ketaplan.facts.Patient;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleBaseLoader;
import org.ketaplan.ruleset.TestRules;

class PlanEngineTest {

    private static final String HEADER = """
            package ketamine;
            import org.ketaplan.facts.*;
            import org.ketaplan.conclusions.*;
            """;

    private static RuleBase load(Path dir, String drl) throws IOException {
        TestRules.copyTables(dir);
        Path file = dir.resolve("ketamine/test.drl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, HEADER + drl);
        return new RuleBaseLoader(dir, "rules").load();
    }

    @Test
    void ruleThatKeepsFiringEndsTheRequestNamingTheRule(@TempDir Path dir) throws IOException {
        RuleBase rb = load(dir, """
                rule "Seed"
                    @id("MON-01a") @strength("PRACTICE") @source("test") @reviewed("2026-11-21")
                    when
                        Patient()
                    then
                        insert( new Monitoring( "0" ) );
                end

                rule "Runaway counter"
                    @id("MON-01b") @strength("PRACTICE") @source("test") @reviewed("2026-11-21")
                    when
                        Monitoring( $n : text )
                    then
                        insert( new Monitoring( String.valueOf( Integer.parseInt( $n ) + 1 ) ) );
                end
                """);
        assertThatThrownBy(() -> PlanEngine.run(rb, List.of(new Patient(40, null, null, null, null, null, null, null, null))))
                .isInstanceOf(RuleExecutionException.class)
                .hasMessageContaining("Runaway counter")
                .hasMessageContaining("kept firing");
    }

    @Test
    void failingActionIsReportedWithItsRule(@TempDir Path dir) throws IOException {
        RuleBase rb = load(dir, """
                rule "Divides by zero"
                    @id("MON-01a") @strength("PRACTICE") @source("test") @reviewed("2026-11-21")
                    when
                        Patient( $age : ageYears )
                    then
                        insert( new Monitoring( String.valueOf( $age / 0 ) ) );
                end
                """);
        assertThatThrownBy(() -> PlanEngine.run(rb, List.of(new Patient(40, null, null, null, null, null, null, null, null))))
                .isInstanceOf(RuleExecutionException.class)
                .satisfies(e -> assertThat(((RuleExecutionException) e).ruleName()).isEqualTo("Divides by zero"));
    }

    @Test
    void eachItemCarriesTheRuleThatProducedIt(@TempDir Path dir) throws IOException {
        RuleBase rb = load(dir, """
                rule "Adults are monitored"
                    @id("MON-01") @strength("PRACTICE") @source("Riva-Posse 2018; ASKP3") @reviewed("2026-11-21")
                    when
                        Patient( ageYears >= 18 )
                    then
                        insertLogical( new Monitoring( "BP every 10 minutes" ) );
                end
                """);
        EngineResult r = PlanEngine.run(rb, List.of(new Patient(40, null, null, null, null, null, null, null, null)));
        assertThat(r.items()).singleElement().satisfies(p -> {
            assertThat(p.item()).isEqualTo(new Monitoring("BP every 10 minutes"));
            assertThat(p.rule().id()).isEqualTo("MON-01");
        });
        assertThat(r.fired()).singleElement().satisfies(f -> {
            assertThat(f.rule().sources()).containsExactly("Riva-Posse 2018", "ASKP3");
            assertThat(f.statement()).isEqualTo("BP every 10 minutes");
        });
    }
}
