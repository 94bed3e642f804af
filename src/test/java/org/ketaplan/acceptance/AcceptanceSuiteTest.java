package org.ketaplan.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.web.SignedIn.asClinician;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The clinical acceptance suite: every vignette the clinical owner wrote from the specification, through the real
 * HTTP service on the real rules/. A miss is a defect of the code or of the specification, never of the case.
 */
@QuarkusTest
class AcceptanceSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<AcceptanceChecks.Case> cases() {
        return AcceptanceChecks.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vignettePasses(AcceptanceChecks.Case c) throws Exception {
        String body = asClinician().contentType(ContentType.JSON).body(c.request().toString())
                .when().post("/api/v1/plans")
                .then().statusCode(200).extract().asString();
        JsonNode plan = JSON.readTree(body);
        assertThat(AcceptanceChecks.misses(c, plan)).as(c.name()).isEmpty();
    }

    @Test
    void theSuiteIsWhole() {
        assertThat(AcceptanceChecks.cases()).hasSize(37);
    }

    /** The repository keeps its own copy; where the owner's folder sits beside it, the copy must be that text. */
    @Test
    void theCopyIsTheOwnersText() throws Exception {
        Path owners = Path.of("..", "shared", "acceptance", "v1-vignettes.json");
        if (Files.isRegularFile(owners)) {
            try (var in = AcceptanceSuiteTest.class.getResourceAsStream("/acceptance/v1-vignettes.json")) {
                assertThat(JSON.readTree(in)).isEqualTo(JSON.readTree(owners.toFile()));
            }
        }
    }
}
