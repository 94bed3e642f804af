package org.ketaplan.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaplan.web.Chromium;
import org.ketaplan.web.SignedIn;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The clinical lead's page in a real Chromium, signed in as a lead: the active rule set with every rule's evidence,
 * a candidate checked from a file without going live and its impact shown. Leaves a screenshot in
 * target/screenshots/rules-page.png.
 */
@QuarkusTest
@TestProfile(ImpactTest.OwnDatabase.class)
class LeadPageTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    static WebDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        driver = Chromium.start(Path.of("target", "downloads").toAbsolutePath());
        Chromium.signIn(driver, SignedIn.LEAD);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Test
    void aLeadReadsTheRulesAndChecksACandidateWithoutGoingLive(@TempDir Path tmp) throws Exception {
        String page = "http://" + management.getHost() + ":" + management.getPort() + "/rules";
        driver.get(page);
        Chromium.until(() -> text("active").startsWith("Active rule set"));
        String active = text("active").split(",")[0];
        int rows = driver.findElements(By.cssSelector("#rules tbody tr")).size();
        assertThat(rows).isGreaterThan(100);
        WebElement ci09 = driver.findElement(By.cssSelector("#rules tr[data-rule='CI-09']"));
        assertThat(ci09.getText()).contains("Swiss").contains("PRACTICE").contains("contraindications.drl");
        // The values the rules run on, as the lead would set them in rules/parameters.csv.
        assertThat(driver.findElements(By.cssSelector("#parameters tbody tr")).stream().map(WebElement::getText))
                .anySatisfy(t -> assertThat(t).startsWith("BP_HARD_STOP_SYSTOLIC").endsWith("180"));

        driver.findElement(By.id("filter")).sendKeys("CI-09");
        Chromium.until(() -> driver.findElements(By.cssSelector("#rules tbody tr")).stream()
                .filter(WebElement::isDisplayed).count() < rows);
        // Every rule whose ID, words, file or sources mention it, and nothing else.
        assertThat(driver.findElements(By.cssSelector("#rules tbody tr")).stream().filter(WebElement::isDisplayed)
                .map(r -> r.getAttribute("data-rule"))).contains("CI-09").hasSizeLessThan(10);
        assertThat(driver.findElements(By.cssSelector("#rules tbody tr")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText)).allMatch(t -> t.contains("CI-09"));

        Path zip = tmp.resolve("candidate.zip");
        Files.write(zip, ImpactTest.zip(ImpactTest.copyWith(tmp, "ADEQUATE_TRIAL_WEEKS", "6", "8")));
        driver.findElement(By.id("candidate-file")).sendKeys(zip.toString());
        driver.findElement(By.id("check")).click();
        Chromium.until(() -> text("check-status").startsWith("Would be"));
        assertThat(text("check-status")).isEqualTo("Would be accepted. Not activated.");
        assertThat(text("candidate-verdict")).startsWith("Checked, would be accepted (not activated)")
                .contains(SignedIn.LEAD);
        assertThat(driver.findElements(By.cssSelector("#impact-counts li"))).extracting(e -> e.getAttribute("data-kind"))
                .containsExactly("TRIAGE", "ELIGIBILITY", "SERIES", "MAINTENANCE", "NEXT_SESSION");
        assertThat(text("impact")).contains("scenarios replayed");

        // Nothing went live: the page, read again, shows the same active rule set.
        driver.navigate().refresh();
        Chromium.until(() -> text("active").startsWith("Active rule set"));
        assertThat(text("active")).startsWith(active + ",");
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("rules-page.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
