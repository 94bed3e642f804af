package org.ketaplan.ehr.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.ehr.cdshooks.CdsHooksTest.call;
import static org.ketaplan.ehr.cdshooks.CdsHooksTest.cards;
import static org.ketaplan.ehr.cdshooks.CdsHooksTest.patientView;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketaplan.web.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The EHR path end to end in a real Chromium: a signed CDS Hooks call with a US Core-shaped record, the card's one
 * link, the clinician page pre-filled with what the record showed (each value marked with its source), the open
 * steps completed by the clinician, and the plan.
 */
@QuarkusTest
@TestProfile(CdsProfile.class)
class EhrJourneyTest {

    private static WebDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        driver = Chromium.start(Path.of("target", "downloads").toAbsolutePath());
        Chromium.signIn(driver, org.ketaplan.web.SignedIn.CLINICIAN);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void fromTheCardToThePlanInOneVisit() throws IOException {
        JsonNode card = cards(call("ketamine-plan", patientView(Map.of()))).get(0);
        assertThat(card.path("indicator").asText()).isEqualTo("info");
        assertThat(card.path("links")).hasSize(1);
        driver.get(card.path("links").get(0).path("url").asText());
        Chromium.until(() -> text(By.id("draft-status")).contains("From the EHR"));
        // The capability leaves the address bar once used.
        assertThat(driver.getCurrentUrl()).doesNotContain("draft=");

        // What the record showed, each value with the resources it came from.
        assertThat(value("diagnoses.majorDepressiveDisorder")).isEqualTo("true");
        assertThat(source("diagnoses.majorDepressiveDisorder")).contains("From the EHR (Condition");
        assertThat(value("patient.sex")).isEqualTo("FEMALE");
        assertThat(source("patient.sex")).contains("Patient/p1");
        assertThat(value("suicideScreen.wishToBeDead")).isEqualTo("false");
        assertThat(driver.findElements(By.cssSelector("[data-path^='assessments['][data-path$='.instrument']")))
                .extracting(e -> e.getAttribute("value")).contains("PHQ9", "PHQ9_ITEM9");

        // Only the open steps, in the words of the card, most blocking first.
        List<String> steps = openSteps();
        assertThat(steps).isNotEmpty().contains("Confirm the contraindication checklist")
                .contains("Confirm the treatment history (antidepressant trials and psychotherapy)");
        String detail = card.path("detail").asText();
        steps.stream().filter(s -> !s.startsWith("Before")).forEach(s -> assertThat(detail).contains(s));
        assertThat(steps).doesNotContain("C-SSRS screen today");
        // What the record answered is out of the way: the screen is not shown, the checklist is.
        assertThat(fieldset("Suicide screen").isDisplayed()).isFalse();
        assertThat(fieldset("Medical history").isDisplayed()).isTrue();
        screenshot("ehr-draft.png");

        // The clinician completes the steps.
        driver.findElement(By.id("none-neurovascular")).click();
        driver.findElement(By.id("none-medical-cautions")).click();
        if (visible("none-mania-psychosis")) {
            driver.findElement(By.id("none-mania-psychosis")).click();
        }
        if (visible("none-substance-use")) {
            driver.findElement(By.id("none-substance-use")).click();
        }
        type("treatmentHistory.adequateAntidepressantTrials", "3");
        type("treatmentHistory.adequatePtsdMedicationTrials", "1");
        // The PTSD score the record lacked: a PCL-5 taken today.
        driver.findElement(By.id("add-assessments")).click();
        int row = driver.findElements(By.cssSelector("[data-rows='assessments'] > .row")).size() - 1;
        choose("assessments[" + row + "].instrument", "PCL5");
        type("assessments[" + row + "].score", "52");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
                input("assessments[" + row + "].date"), CdsHooksTest.TODAY.toString());
        if (input("patient.childbearingPotential").isDisplayed()) {
            choose("patient.childbearingPotential", "true");
        }
        if (input("patient.breastfeeding").isDisplayed()) {
            choose("patient.breastfeeding", "false");
        }
        driver.findElement(By.id("submit")).click();
        Chromium.until(() -> !driver.findElements(By.id("plan-footer")).isEmpty()
                && driver.findElement(By.id("plan-footer")).isDisplayed());

        assertThat(text(By.id("eligibility"))).isEqualTo(words("eligibility", "ELIGIBLE"));
        assertThat(text(By.id("series-type"))).isIn(words("series", "IV_KETAMINE_INDUCTION"),
                words("series", "ESKETAMINE_INDUCTION"));
        assertThat(driver.findElements(By.cssSelector("#calendar td.date"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#open-steps li[data-needed-by='BLOCKS_PLAN']"))).isEmpty();
        screenshot("ehr-plan.png");
    }

    @Test
    void aValueTheClinicianChangesStaysMarkedAsChanged() {
        JsonNode card = cards(call("ketamine-plan", patientView(Map.of()))).get(0);
        driver.get(card.path("links").get(0).path("url").asText());
        Chromium.until(() -> visible("only-open"));
        driver.findElement(By.id("only-open")).click();
        choose("patient.sex", "MALE");
        assertThat(source("patient.sex")).contains("changed here");
        assertThat(source("diagnoses.majorDepressiveDisorder")).doesNotContain("changed here");
    }

    @Test
    void anExpiredOrForgedLinkSaysToOpenTheChartAgain() {
        String page = CdsHooksTest.base() + "/?draft=AAAAAAAAAAAAAAAAAAAAAA";
        driver.get(page);
        Chromium.until(() -> text(By.id("draft-status")).contains("expired"));
        assertThat(value("patient.sex")).isEmpty();
    }

    private List<String> openSteps() {
        Chromium.until(() -> !driver.findElements(By.cssSelector("#open-steps > li")).isEmpty());
        return driver.findElements(By.cssSelector("#open-steps > li > strong")).stream().map(WebElement::getText).toList();
    }

    private WebElement fieldset(String legend) {
        return driver.findElements(By.cssSelector("#sections > fieldset")).stream()
                .filter(f -> f.findElement(By.tagName("legend")).getAttribute("textContent").startsWith(legend))
                .findFirst().orElseThrow();
    }

    private String source(String path) {
        return input(path).findElement(By.xpath("ancestor::div[contains(@class,'field')][1]"))
                .findElement(By.className("ehr-source")).getAttribute("textContent");
    }

    private boolean visible(String id) {
        return driver.findElements(By.id(id)).stream().anyMatch(WebElement::isDisplayed);
    }

    private WebElement input(String path) {
        return driver.findElement(By.cssSelector("[data-path='" + path + "']"));
    }

    private String value(String path) {
        return input(path).getAttribute("value");
    }

    private void type(String path, String value) {
        input(path).clear();
        input(path).sendKeys(value);
    }

    private void choose(String path, String value) {
        input(path).findElement(By.cssSelector("option[value='" + value + "']")).click();
    }

    private String text(By by) {
        return driver.findElements(by).stream().map(WebElement::getText).findFirst().orElse("");
    }

    private static String words(String vocabulary, String code) {
        return org.ketaplan.web.SignedIn.asClinician().get("/api/v1/wording").then().statusCode(200).extract()
                .path("types." + vocabulary + "." + code);
    }

    private static void screenshot(String name) throws IOException {
        Chromium.settle(driver);
        Path shot = Path.of("target", "screenshots", name);
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
