package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check commands find the plans a service recorded while that service runs: its embedded database is held open
 * (here by this test's connection, as the service holds it), so they read a copy.
 */
class RecordedPlansTest {

    /**
     * An embedded audit database in {@code dataDir}, made by the service's own migrations, with one recorded plan of
     * {@code request}; the connection holds the file as a running service does.
     */
    static Connection heldDatabase(Path dataDir, String request) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("audit"),
                "ketaplan", "");
        try (Statement s = c.createStatement()) {
            for (String migration : new String[] {"V1__audit.sql", "V2__feedback_links.sql", "V3__shared_state.sql",
                    "V4__feedback_once.sql"}) {
                String sql = Files.readString(Path.of("src/main/resources/db/migration", migration));
                for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into plan_audit (plan_id, created_at, caller, channel,"
                + " ruleset, request_sha256, rule_ids, triage, eligibility, request_json) values"
                + " ('recorded-1', ?, 'clinician', 'api', 'test', 'x', 'DX-01', 'ROUTINE', 'ELIGIBLE', ?)")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
            ps.setString(2, request);
            ps.executeUpdate();
        }
        // A running service's store writes its commits to the file within a second; here at once.
        try (Statement s = c.createStatement()) {
            s.execute("checkpoint");
        }
        return c;
    }

    @Test
    void aHeldEmbeddedDatabaseIsReadThroughACopy(@TempDir Path dataDir) throws Exception {
        try (Connection held = heldDatabase(dataDir, "{\"patient\":{}}")) {
            RecordedPlans.Found found = RecordedPlans.read(dataDir, null, "ketaplan", "",
                    Instant.now().minus(Duration.ofDays(30)), Instant.now(), 100);
            assertThat(found.requests()).extracting(r -> r.planId()).containsExactly("recorded-1");
            assertThat(found.source()).startsWith("read from a copy of ").endsWith("audit.mv.db");
            // The service's file is left as it was, and no copy is left behind.
            assertThat(held.isValid(1)).isTrue();
        }
    }

    @Test
    void noDatabaseIsSaidInWords(@TempDir Path dataDir) {
        RecordedPlans.Found found = RecordedPlans.read(dataDir, null, "ketaplan", "",
                Instant.now().minus(Duration.ofDays(30)), Instant.now(), 100);
        assertThat(found.requests()).isEmpty();
        assertThat(found.source()).startsWith("none: ").contains("does not exist");
    }
}
