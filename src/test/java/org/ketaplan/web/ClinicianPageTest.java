package org.ketaplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The clinician page in a real headless Chromium (Debian's chromium and chromedriver, installed by
 * .ci/run): fill a patient, submit, and read the plan as a clinician would.
 */
@QuarkusTest
class ClinicianPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver driver;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
        }
        Assumptions.assumeTrue(installed, "Debian chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,3000",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void open() {
        driver.get(page.toString());
        waitFor(By.id("load-example"));
    }

    @Test
    void trdPatientGetsADatedCalendarWithDose() throws IOException {
        driver.findElement(By.id("load-example")).click();
        LocalDate asOf = LocalDate.parse(input("asOf").getAttribute("value"));
        driver.findElement(By.id("submit")).click();
        waitFor(By.id("calendar"));

        assertThat(text(By.id("series-type"))).isEqualTo("iv ketamine induction");
        assertThat(text(By.id("eligibility"))).isEqualTo("eligible");
        assertThat(text(By.id("dose"))).contains("0.5 mg/kg over 40 min = 35 mg");
        List<LocalDate> dates = driver.findElements(By.cssSelector("#calendar td.date")).stream()
                .map(e -> LocalDate.parse(e.getText())).toList();
        assertThat(dates).hasSize(6).first().isEqualTo(asOf.plusDays(1));
        for (int i = 1; i < dates.size(); i++) {
            assertThat(dates.get(i)).isAfterOrEqualTo(dates.get(i - 1).plusDays(2));
        }
        assertThat(text(By.id("psychotherapy"))).contains("depression ebp");
        // Flag wording comes with the plan (rules/terminology/flag-labels.csv), not from the page's own copy.
        assertThat(text(By.id("flags"))).contains("Off-label use: document informed consent.");
        assertThat(driver.findElements(By.cssSelector("#plan details summary"))).isNotEmpty();

        Path shot = Path.of("target", "screenshots", "plan-trd.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        assertThat(shot).isNotEmptyFile();
    }

    @Test
    void emergencyShowsTheBannerAndNoCalendar() {
        driver.findElement(By.id("load-example")).click();
        choose("suicideScreen.intentWithPlan", "true");
        driver.findElement(By.id("submit")).click();
        WebElement banner = waitFor(By.id("triage-banner"));
        assertThat(banner.getAttribute("class")).contains("EMERGENCY_REFERRAL");
        assertThat(banner.getText()).contains("Emergency referral").contains("do not leave the patient alone");
        assertThat(driver.findElements(By.id("calendar"))).isEmpty();
        assertThat(text(By.id("series-type"))).isEqualTo("defer");
    }

    @Test
    void badValueIsShownNextToItsField() {
        driver.findElement(By.id("load-example")).click();
        WebElement age = input("patient.ageYears");
        age.clear();
        age.sendKeys("150");
        driver.findElement(By.id("submit")).click();
        until(() -> "true".equals(input("patient.ageYears").getAttribute("aria-invalid")));
        WebElement field = input("patient.ageYears").findElement(By.xpath(".."));
        assertThat(field.findElement(By.className("error")).getText()).isEqualTo("must be between 0 and 120");
        assertThat(text(By.id("form-errors"))).contains("patient.ageYears");
        assertThat(driver.findElement(By.id("plan")).isDisplayed()).isFalse();
    }

    @Test
    void emptyFieldStaysUnknownAndIsListedToCollect() {
        driver.findElement(By.id("load-example")).click();
        choose("medicalHistory.aneurysmalVascularDisease", "");
        driver.findElement(By.id("submit")).click();
        WebElement missing = waitFor(By.id("missing"));
        assertThat(missing.getText()).contains("medicalHistory.aneurysmalVascularDisease");
        assertThat(text(By.id("eligibility"))).isEqualTo("insufficient data");
        assertThat(driver.findElements(By.id("calendar"))).isEmpty();
    }

    private WebElement input(String path) {
        return driver.findElement(By.cssSelector("[data-path='" + path + "']"));
    }

    private String text(By by) {
        return driver.findElement(by).getText();
    }

    /** Picks an option by its value, as a keyboard or mouse user would. */
    private void choose(String path, String value) {
        input(path).findElement(By.cssSelector("option[value='" + value + "']")).click();
    }

    private WebElement waitFor(By by) {
        until(() -> driver.findElements(by).stream().anyMatch(WebElement::isDisplayed));
        return driver.findElement(by);
    }

    private static void until(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("page did not reach the expected state in 15 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
