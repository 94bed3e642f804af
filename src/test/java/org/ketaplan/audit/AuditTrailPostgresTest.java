package org.ketaplan.audit;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The same audit tests on a real PostgreSQL: .ci/run starts Debian's server and sets KETAPLAN_TEST_PG_URL (and
 * _USER, _PASSWORD). Without it, these tests are skipped off CI and fail on CI.
 */
@QuarkusTest
@TestProfile(AuditTrailPostgresTest.Postgres.class)
class AuditTrailPostgresTest extends AuditTrailTest {

    public static class Postgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = System.getenv("KETAPLAN_TEST_PG_URL");
            if (url == null) {
                // Quarkus still starts this profile before the test can skip: point at nothing it would connect to.
                return Map.of("quarkus.datasource.\"pg\".active", "false");
            }
            return Map.of("quarkus.datasource.\"pg\".jdbc.url", url,
                    "quarkus.datasource.\"pg\".username", System.getenv().getOrDefault("KETAPLAN_TEST_PG_USER", "ketaplan"),
                    "quarkus.datasource.\"pg\".password", System.getenv().getOrDefault("KETAPLAN_TEST_PG_PASSWORD", "ketaplan"),
                    // PostgreSQL alone holds the record, as in production.
                    "quarkus.datasource.active", "false");
        }
    }

    @BeforeAll
    static void postgresIsThere() {
        boolean configured = System.getenv("KETAPLAN_TEST_PG_URL") != null;
        if (!configured && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must start PostgreSQL and set KETAPLAN_TEST_PG_URL (see .ci/run)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(configured, "no PostgreSQL (KETAPLAN_TEST_PG_URL) here");
    }

    @Override
    String expectedDatabase() {
        return "postgresql";
    }
}
