package org.ketaplan.web;

import static org.ketaplan.web.SignedIn.asClinician;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.ketaplan.plan.Requests;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Logs carry plan ids, rule ids and timings: never the facts a client sent, valid or not. */
@QuarkusTest
class NoPatientDataInLogsTest {

    static final Path LOG = Path.of("target", "quarkus-test.log");

    @Test
    void factsSentAreNotInTheLog() throws IOException {
        String plan = asClinician().contentType(ContentType.JSON)
                .body(Requests.complete().setJson("medications[1]", "{\"name\":\"Zyxqorphinate\",\"dailyDoseMg\":77.7}")
                        .set("patient.weightKg", 83.9).set("suicideScreen.wishToBeDead", true).toString())
                .post("/api/v1/plans").then().statusCode(200).extract().path("planId");
        asClinician().contentType(ContentType.JSON)
                .body(Requests.complete().set("patient.sex", "WOMANQXJ").set("patient.ageYears", 987654).toString())
                .post("/api/v1/plans").then().statusCode(400);

        String log = Files.readString(LOG);
        assertThat(log).as("the audit line for the plan is there").contains(plan);
        assertThat(log).doesNotContainIgnoringCase("Zyxqorphinate").doesNotContain("83.9").doesNotContain("77.7")
                .doesNotContain("WOMANQXJ").doesNotContain("987654").doesNotContain("wishToBeDead");
    }
}
