package org.ketaplan.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Wrong passwords through the real Basic authentication, with the production limit (the other tests raise it): each
 * is logged without the name or password tried, and the eleventh for that user within a minute is refused before any
 * password is checked, even a right one, while other users go on.
 */
@QuarkusTest
@TestProfile(SignInFailuresTest.ProductionLimit.class)
class SignInFailuresTest {

    public static class ProductionLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(SignInFailures.LIMIT_SETTING, Integer.toString(SignInFailures.LIMIT));
        }
    }

    @Test
    void repeatedWrongPasswordsAreLoggedAndThenRefusedForThatUserOnly() throws Exception {
        for (int i = 0; i < SignInFailures.LIMIT; i++) {
            given().auth().preemptive().basic(SignedIn.CLINICIAN, "guess-" + i).get("/api/v1/wording")
                    .then().statusCode(401);
        }
        given().auth().preemptive().basic(SignedIn.CLINICIAN, SignedIn.CLINICIAN).get("/api/v1/wording")
                .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.matchesPattern("\\d+"));
        // Another user at the same address (a clinic behind one NAT) signs in as ever.
        given().auth().preemptive().basic(SignedIn.LEAD, SignedIn.LEAD).get("/api/v1/rules").then().statusCode(403);
        String log = Files.readString(Path.of("target", "quarkus-test.log"));
        assertThat(log).containsPattern("Failed sign-in from [0-9a-f.:]+ \\(" + SignInFailures.LIMIT + " for that user name")
                .doesNotContain("guess-").doesNotContainPattern("Failed sign-in[^\\n]*clinician");
    }
}
