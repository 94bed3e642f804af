package org.ketaplan.ehr.cdshooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * An integrator's rehearsal of signed calls, as docs/ehr.md tells it: scripts/EhrToken.java (run here as a real
 * process) makes a test EHR's key and tokens, the service trusts that key with unsigned calls still allowed as in
 * dev, and a call that sends a token is checked all the same.
 */
@QuarkusTest
@TestProfile(SignedCallRehearsalTest.Rehearsal.class)
class SignedCallRehearsalTest {

    static final Path DIR = Path.of("target", "ehr-rehearsal").toAbsolutePath();

    public static class Rehearsal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (!Files.exists(DIR.resolve("ehr-jwks.json"))) {
                run("key", DIR.toString());
            }
            return Map.of("ketaplan.cds.allow-unsigned", "true",
                    "ketaplan.cds.issuers.local.iss", "https://ehr.local.example/",
                    "ketaplan.cds.issuers.local.jwks", DIR.resolve("ehr-jwks.json").toString());
        }
    }

    static String run(String... args) {
        try {
            var command = new java.util.ArrayList<>(java.util.List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "scripts/EhrToken.java"));
            command.addAll(java.util.List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return out.strip();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTokenFromTheScriptIsAcceptedAndABadOneRefusedEvenWhereUnsignedCallsAreAllowed() {
        String path = "/cds-services/ketamine-plan";
        String body = CdsHooksTest.patientView(Map.of()).toString();
        String token = run("token", DIR.resolve("ehr-key.json").toString(), CdsHooksTest.base() + path);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(200);
        // The placeholder of docs/ehr.md's example, sent as it is: refused, not waved through.
        given().header("Authorization", "Bearer <JWT signed by the EHR>").contentType(ContentType.JSON).body(body)
                .post(path).then().statusCode(401);
        // The same token twice is a replay.
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200);
    }
}
