package org.ketaplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The clinician page in a real headless Chromium (Debian's chromium and chromedriver, installed by
 * .ci/run): fill a patient, submit, and read the plan as a clinician would; carry a course of care from visit to
 * visit through the file the page saves.
 */
@QuarkusTest
class ClinicianPageTest {

    /** Where Chromium puts the files the page saves; emptied before each save so the newest file is the one. */
    private static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();
    /** The scales the chart draws against the 50% response line (item 9, YMRS and CADSS are safety readings). */
    private static final Set<String> RESPONSE_SCALES = Set.of("PHQ9", "MADRS", "QIDS_SR16", "PCL5", "CAPS5");
    private static WebDriver driver;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void startBrowser() throws IOException {
        driver = Chromium.start(DOWNLOADS);
        Chromium.signIn(driver, SignedIn.CLINICIAN);
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

        assertThat(text(By.id("series-type"))).isEqualTo(words("series", "IV_KETAMINE_INDUCTION"));
        assertThat(text(By.id("eligibility"))).isEqualTo(words("eligibility", "ELIGIBLE"));
        assertThat(text(By.id("dose"))).contains("0.5 mg/kg over 40 min = 35 mg");
        List<LocalDate> dates = driver.findElements(By.cssSelector("#calendar td.date")).stream()
                .map(e -> LocalDate.parse(e.getText())).toList();
        assertThat(dates).hasSize(6).first().isEqualTo(asOf.plusDays(1));
        for (int i = 1; i < dates.size(); i++) {
            assertThat(dates.get(i)).isAfterOrEqualTo(dates.get(i - 1).plusDays(2));
        }
        assertThat(text(By.id("psychotherapy"))).contains(words("psychotherapy", "DEPRESSION_EBP"));
        // Flag wording comes with the plan (rules/terminology/flag-labels.csv), not from the page's own copy.
        assertThat(text(By.id("flags"))).contains("Off-label use: document informed consent.");
        assertThat(driver.findElements(By.cssSelector("#plan details summary"))).isNotEmpty();
        screenshot("plan-trd.png");
    }

    @jakarta.inject.Inject
    org.ketaplan.audit.AuditLog audit;

    @jakarta.inject.Inject
    org.ketaplan.audit.AuditStore store;

    /** The clinician records that a recommendation was not followed, and why, for the lead's override analytics. */
    @Test
    void aRecommendationNotFollowedIsRecordedWithItsReason() throws Exception {
        java.time.Instant start = java.time.Instant.now().minusMillis(1);
        driver.findElement(By.id("load-example")).click();
        driver.findElement(By.id("submit")).click();
        until(() -> driver.findElement(By.id("plan")).isDisplayed() && !driver.findElements(By.id("feedback-item")).isEmpty());
        Chromium.settle(driver);
        String ruleId = driver.findElement(By.id("feedback-item")).getAttribute("value");
        driver.findElement(By.cssSelector("#feedback-outcome option[value='overridden']")).click();
        driver.findElement(By.cssSelector("#feedback-reason option[value='patient-declined']")).click();
        driver.findElement(By.id("feedback-send")).click();
        until(() -> text(By.id("feedback-status")).equals("Recorded."));
        assertThat(audit.flush(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(store.feedback(start, java.time.Instant.now().plusSeconds(1), 0, 10)).anySatisfy(f -> {
            assertThat(f.service()).isEqualTo("page");
            assertThat(f.ruleId()).isEqualTo(ruleId);
            assertThat(f.outcome()).isEqualTo("overridden");
            assertThat(f.reason()).isEqualTo("patient-declined");
            assertThat(f.caller()).isEqualTo(SignedIn.CLINICIAN);
            assertThat(text(By.id("plan-footer"))).contains(f.planId());
        });
    }

    @Test
    void emergencyShowsTheBannerAndNoCalendar() {
        driver.findElement(By.id("load-example")).click();
        // The screener's own skip: items 3 to 5 are asked only after a yes to item 2.
        choose("suicideScreen.nonSpecificActiveThoughts", "true");
        choose("suicideScreen.intentWithPlan", "true");
        driver.findElement(By.id("submit")).click();
        WebElement banner = waitFor(By.id("triage-banner"));
        assertThat(banner.getAttribute("class")).contains("EMERGENCY_REFERRAL");
        assertThat(banner.getText()).contains("Emergency referral").contains("do not leave the patient alone");
        assertThat(driver.findElements(By.id("calendar"))).isEmpty();
        assertThat(text(By.id("series-type"))).isEqualTo(words("series", "DEFER"));
    }

    /** A triage no screen has judged is unknown: the banner asks for the C-SSRS and never says "Routine". */
    @Test
    void anUnansweredScreenIsNeverShownAsRoutine() {
        driver.findElement(By.id("load-example")).click();
        choose("suicideScreen.wishToBeDead", "");
        driver.findElement(By.id("submit")).click();
        WebElement banner = waitFor(By.id("triage-banner"));
        assertThat(banner.getText()).contains("C-SSRS needed").doesNotContain(words("triage", "ROUTINE"));
        assertThat(banner.getAttribute("role")).isEqualTo("alert");
        assertThat(driver.findElements(By.id("calendar"))).isEmpty();
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

    /** A user without the clinician role behind the form (another account signed in meanwhile): said in words. */
    @Test
    void aRefusedPlanIsExplainedInWords() {
        driver.findElement(By.id("load-example")).click();
        try {
            Chromium.signIn(driver, SignedIn.LEAD);
            driver.findElement(By.id("submit")).click();
            until(() -> text(By.id("form-errors")).contains("needs the clinician role"));
            assertThat(driver.findElement(By.id("plan")).isDisplayed()).isFalse();
        } finally {
            Chromium.signIn(driver, SignedIn.CLINICIAN);
        }
    }

    @Test
    void emptyFieldStaysUnknownAndIsListedToCollect() {
        driver.findElement(By.id("load-example")).click();
        choose("medicalHistory.aneurysmalVascularDisease", "");
        driver.findElement(By.id("submit")).click();
        WebElement missing = waitFor(By.id("missing"));
        assertThat(missing.getText()).contains("medicalHistory.aneurysmalVascularDisease");
        assertThat(text(By.id("eligibility"))).isEqualTo(words("eligibility", "INSUFFICIENT_DATA"));
        assertThat(driver.findElements(By.id("calendar"))).isEmpty();
    }

    /**
     * Three visits of one patient, each continuing from the file the last one saved: an intake with a raised BP
     * and no consent is held for both; the clearance and consent recorded at the next visit answer them; on a
     * session day with the course under way and the day's checks done the session goes ahead, and a BP at the
     * hard stop holds it.
     */
    @Test
    void courseOfCareFromIntakeToASessionDay() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate intake = today.minusDays(8);
        LocalDate clearanceVisit = today.minusDays(7);
        List<LocalDate> sessions = List.of(today.minusDays(6), today.minusDays(3));

        driver.findElement(By.id("load-example")).click();
        for (String path : List.of("asOf", "patient.pregnancyTestDate", "suicideScreen.date", "assessments[0].date",
                "assessments[1].date", "assessments[2].date", "vitals[0].date")) {
            setDate(path, intake);
        }
        type("vitals[0].systolic", "141");
        type("vitals[0].diastolic", "90");
        makePlan();
        assertThat(text(By.id("eligibility"))).isEqualTo(words("eligibility", "NEEDS_CLEARANCE"));
        assertThat(text(By.id("clearances"))).contains(words("reviewer", "PRIMARY_CARE")).contains("(RC-01)");
        assertThat(nextSession().getAttribute("class")).contains("HOLD");
        assertThat(text(By.id("next-decision"))).isEqualTo(words("sessionDecision", "HOLD"));
        assertThat(text(By.id("next-reasons"))).contains("(STEP-06a)");
        screenshot("course-intake-hold.png");
        Path visit1 = save("visit-1.json");

        open();
        load(visit1);
        assertThat(input("asOf").getAttribute("value")).isEqualTo(intake.toString());
        setDate("asOf", clearanceVisit);
        int clearance = addRow("clinicianSteps");
        choose("clinicianSteps[" + clearance + "].type", "CLEARANCE");
        setDate("clinicianSteps[" + clearance + "].date", clearanceVisit);
        choose("clinicianSteps[" + clearance + "].outcome", "CLEARED");
        choose("clinicianSteps[" + clearance + "].reviewer", "PRIMARY_CARE");
        type("clinicianSteps[" + clearance + "].ruleId", "RC-01");
        int consent = addRow("clinicianSteps");
        choose("clinicianSteps[" + consent + "].type", "INFORMED_CONSENT");
        setDate("clinicianSteps[" + consent + "].date", clearanceVisit);
        choose("clinicianSteps[" + consent + "].outcome", "SIGNED");
        choose("clinicianSteps[" + consent + "].modality", "IV_KETAMINE");
        makePlan();
        assertThat(driver.findElements(By.id("clearances"))).isEmpty();
        assertThat(text(By.id("resolved-clearances"))).contains(words("reviewer", "PRIMARY_CARE")).contains("(RC-01)");
        assertThat(text(By.id("eligibility"))).isEqualTo(words("eligibility", "ELIGIBLE"));
        assertThat(nextSession().getAttribute("class")).doesNotContain("HOLD");
        assertThat(driver.findElements(By.id("next-reasons"))).isEmpty();
        Path visit2 = save("visit-2.json");

        open();
        load(visit2);
        setDate("asOf", today);
        choose("course.modality", "IV_KETAMINE");
        for (LocalDate date : sessions) {
            recordSession(addRow("course.sessions"), date);
        }
        setDate("suicideScreen.date", today);
        setDate("patient.pregnancyTestDate", today.minusDays(1));
        int vitals = addRow("vitals");
        setDate("vitals[" + vitals + "].date", today);
        type("vitals[" + vitals + "].systolic", "128");
        type("vitals[" + vitals + "].diastolic", "82");
        type("vitals[" + vitals + "].heartRate", "76");
        type("vitals[" + vitals + "].spo2", "98");
        addScore("MADRS", 26, sessions.get(1));
        addScore("MADRS", 18, today);
        makePlan();
        assertThat(nextSession().getAttribute("class")).contains("GO");
        assertThat(text(By.id("next-decision"))).isEqualTo(words("sessionDecision", "GO"));
        assertThat(text(By.id("next-date"))).contains(today.toString());
        assertThat(driver.findElements(By.id("next-reasons"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#next-checks li"))).isNotEmpty();
        screenshot("course-go.png");

        type("vitals[" + vitals + "].systolic", "185");
        type("vitals[" + vitals + "].diastolic", "105");
        makePlan();
        assertThat(nextSession().getAttribute("class")).contains("HOLD");
        assertThat(text(By.id("next-reasons"))).contains("185/105").contains("(SES-01e)");
        screenshot("course-hold.png");
    }

    @Test
    void chartHasAPointPerResponseScoreAgainstItsBaseline() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate baseline = today.minusDays(10);
        driver.findElement(By.id("load-example")).click();
        for (int i = 0; i < 3; i++) {
            setDate("assessments[" + i + "].date", baseline);
        }
        List<LocalDate> sessions = List.of(today.minusDays(7), today.minusDays(4));
        choose("course.modality", "IV_KETAMINE");
        for (LocalDate date : sessions) {
            setDate("course.sessions[" + addRow("course.sessions") + "].date", date);
        }
        addScore("YMRS", 4, baseline);
        addScore("MADRS", 24, sessions.get(1));
        addScore("MADRS", 15, today);
        addScore("PHQ9", 9, today);
        makePlan();

        WebElement chart = waitFor(By.id("score-chart"));
        List<String> instruments = driver.findElements(By.cssSelector("[data-path$='].instrument']")).stream()
                .map(e -> e.getAttribute("value")).toList();
        long responseScores = instruments.stream().filter(RESPONSE_SCALES::contains).count();
        assertThat(instruments).hasSizeGreaterThan((int) responseScores);
        assertThat(chart.findElements(By.cssSelector("circle.point"))).hasSize((int) responseScores);
        assertThat(chart.findElements(By.cssSelector(".session-mark"))).hasSize(sessions.size());

        // The last MADRS is below half of its baseline: its point lies below the response line and says so.
        int baselineMadrs = Integer.parseInt(input("assessments[2].score").getAttribute("value"));
        long percent = Math.round(100.0 * 15 / baselineMadrs);
        WebElement latest = chart.findElement(By.cssSelector("circle.point[data-instrument='MADRS'][data-date='" + today + "']"));
        assertThat(latest.findElement(By.tagName("title")).getAttribute("textContent")).contains(percent + "% of baseline");
        double responseY = Double.parseDouble(chart.findElement(By.className("response-line")).getAttribute("y1"));
        assertThat(Double.parseDouble(latest.getAttribute("cy"))).isGreaterThan(responseY);
        screenshot("score-chart.png");
    }

    @Test
    void noneOfTheseAnswersTheGroupNoAndUndoRestores() {
        choose("medicalHistory.aneurysmalVascularDisease", "true");
        List<WebElement> group = driver.findElements(By.cssSelector("#group-neurovascular select[data-path]"));
        Map<String, String> before = values(group);
        assertThat(before.values()).contains("true", "");

        WebElement toggle = driver.findElement(By.id("none-neurovascular"));
        toggle.click();
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
        for (WebElement select : group) {
            assertThat(select.getAttribute("value")).as(select.getAttribute("data-path")).isEqualTo("false");
            assertThat(select.findElement(By.cssSelector("option:checked")).getText()).isEqualTo("No");
        }
        makePlan();
        assertThat(missing()).doesNotContain(before.keySet().toArray(String[]::new));

        toggle.click();
        assertThat(values(group)).isEqualTo(before);
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
        makePlan();
        before.entrySet().stream().filter(e -> e.getValue().isEmpty())
                .forEach(e -> assertThat(missing()).contains(e.getKey()));
    }

    @Test
    void questionsThatCannotMatterAreNotAskedNorSent() throws IOException {
        driver.findElement(By.id("load-example")).click();
        List<String> pregnancy = List.of("patient.childbearingPotential", "patient.pregnancyStatus",
                "patient.pregnancyTestDate", "patient.breastfeeding");
        choose("patient.sex", "MALE");
        for (String path : pregnancy) {
            assertThat(input(path).isDisplayed()).as(path).isFalse();
            assertThat(skipNote(path).getText()).as(path).startsWith("Not asked");
        }
        JsonNode saved = new ObjectMapper().readTree(save("male.json").toFile());
        assertThat(saved.path("patient").path("sex").asText()).isEqualTo("MALE");
        for (String path : pregnancy) {
            assertThat(saved.path("patient").has(path.substring("patient.".length()))).as(path).isFalse();
        }

        String item3 = "suicideScreen.methodWithoutIntent";
        assertThat(input(item3).isDisplayed()).isFalse();
        choose("suicideScreen.nonSpecificActiveThoughts", "true");
        assertThat(input(item3).isDisplayed()).isTrue();
        assertThat(input("suicideScreen.imminentDanger").isDisplayed()).isFalse();
        makePlan();
        assertThat(missing()).contains(item3).doesNotContain("suicideScreen.imminentDanger");
        choose("suicideScreen.intentWithoutPlan", "true");
        assertThat(input("suicideScreen.imminentDanger").isDisplayed()).isTrue();

        choose("suicideScreen.nonSpecificActiveThoughts", "false");
        assertThat(input(item3).isDisplayed()).isFalse();
        assertThat(input("suicideScreen.imminentDanger").isDisplayed()).isFalse();
        makePlan();
        assertThat(missing()).doesNotContain(item3);
    }

    @Test
    void stepChoicesFollowTheStepType() {
        int step = addRow("clinicianSteps");
        String at = "clinicianSteps[" + step + "].";
        choose(at + "type", "CLEARANCE");
        assertThat(optionValues(at + "outcome")).containsExactly("", "CLEARED", "NOT_CLEARED");
        assertThat(input(at + "reviewer").isDisplayed()).isTrue();
        assertThat(input(at + "modality").isDisplayed()).isFalse();
        choose(at + "outcome", "NOT_CLEARED");
        assertThat(input(at + "modality").isDisplayed()).isTrue();

        choose(at + "type", "INFORMED_CONSENT");
        assertThat(optionValues(at + "outcome")).containsExactly("", "SIGNED", "DECLINED");
        assertThat(input(at + "reviewer").isDisplayed()).isFalse();
        assertThat(input(at + "modality").isDisplayed()).isTrue();
        assertThat(input(at + "outcome").findElement(By.cssSelector("option[value='SIGNED']")).getText())
                .isEqualTo(words("stepOutcome", "SIGNED"));
    }

    @Test
    void savedFileLoadsIntoAFreshPageWithTheSameFormAndPlan() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        driver.findElement(By.id("load-example")).click();
        type("substanceUse.substances", "alcohol, cannabis");
        int consent = addRow("clinicianSteps");
        choose("clinicianSteps[" + consent + "].type", "INFORMED_CONSENT");
        setDate("clinicianSteps[" + consent + "].date", today.minusDays(3));
        choose("clinicianSteps[" + consent + "].outcome", "SIGNED");
        choose("clinicianSteps[" + consent + "].modality", "IV_KETAMINE");
        choose("course.modality", "IV_KETAMINE");
        recordSession(addRow("course.sessions"), today.minusDays(2));
        makePlan();
        Map<String, String> form = formValues();
        String plan = planText();
        Path saved = save("round-trip.json");

        open();
        load(saved);
        assertThat(formValues()).isEqualTo(form);
        makePlan();
        assertThat(planText()).isEqualTo(plan);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(save("round-trip-again.json").toFile())).isEqualTo(json.readTree(saved.toFile()));
    }

    @Test
    void esketamineSessionWithAnIncompleteRecordListsItsRemsFormDue() {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        driver.findElement(By.id("load-example")).click();
        choose("preferredModality", "ESKETAMINE");
        choose("course.modality", "ESKETAMINE");
        int session = addRow("course.sessions");
        setDate("course.sessions[" + session + "].date", yesterday);
        choose("course.sessions[" + session + "].modality", "ESKETAMINE");
        type("course.sessions[" + session + "].doseMg", "56");
        type("course.sessions[" + session + "].observedMinutes", "90");
        makePlan();

        List<WebElement> cells = waitFor(By.id("rems-forms")).findElements(By.cssSelector("tbody tr:first-child td"));
        assertThat(cells.get(0).getText()).isEqualTo(yesterday.toString());
        assertThat(LocalDate.parse(cells.get(1).getText())).isAfter(yesterday);
        // The missing fields are named as the form names them, not by their request keys.
        assertThat(cells.get(2).getText()).isNotBlank().doesNotContain("vitalsBefore", "moaas");
        String deviation = SignedIn.asClinician().get("/api/v1/wording").then().extract().path("flags.REMS_DEVIATION");
        assertThat(text(By.id("flags"))).contains(deviation);
    }

    /** Fills a session's record as a nurse would after an uneventful infusion with some nausea. */
    private void recordSession(int index, LocalDate date) {
        String at = "course.sessions[" + index + "].";
        setDate(at + "date", date);
        choose(at + "modality", "IV_KETAMINE");
        type(at + "doseMg", "35");
        Map<String, List<String>> vitals = Map.of("vitalsBefore", List.of("126", "80", "74", "98"),
                "vitalsAt40Min", List.of("148", "88", "82", "97"), "vitalsDischarge", List.of("130", "82", "76", "98"));
        List<String> parts = List.of("systolic", "diastolic", "heartRate", "spo2");
        vitals.forEach((when, values) -> {
            for (int i = 0; i < parts.size(); i++) {
                type(at + when + "." + parts.get(i), values.get(i));
            }
        });
        type(at + "lowestSpo2", "96");
        type(at + "cadss", "16");
        type(at + "moaas", "5");
        type(at + "observedMinutes", "125");
        type(at + "readyToLeaveMinutes", "110");
        input(at + "adverseEvents").findElement(By.cssSelector("input[value='NAUSEA']")).click();
    }

    private void addScore(String instrument, int score, LocalDate date) {
        int row = addRow("assessments");
        choose("assessments[" + row + "].instrument", instrument);
        type("assessments[" + row + "].score", String.valueOf(score));
        setDate("assessments[" + row + "].date", date);
    }

    /** Adds a row to a list of the form (scores, steps, sessions, ...) and answers its index. */
    private int addRow(String rowsPath) {
        driver.findElement(By.id("add-" + rowsPath.replace('.', '-'))).click();
        return driver.findElements(By.cssSelector("[data-rows='" + rowsPath + "'] > .row")).size() - 1;
    }

    private void type(String path, String value) {
        WebElement field = input(path);
        field.clear();
        field.sendKeys(value);
    }

    /** Typing into a date input depends on the browser's locale; the clinician picks a date, the test sets it. */
    private void setDate(String path, LocalDate date) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('change', { bubbles: true }));", input(path), date.toString());
    }

    /** Submits and waits for the new plan: each plan has its own ID in the footer. */
    private void makePlan() {
        String before = footer();
        Chromium.settle(driver);
        driver.findElement(By.id("submit")).click();
        until(() -> {
            String now = footer();
            return !now.isEmpty() && !now.equals(before);
        });
    }

    private String footer() {
        try {
            return driver.findElements(By.id("plan-footer")).stream().filter(WebElement::isDisplayed)
                    .map(WebElement::getText).findFirst().orElse("");
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    /** What the plan asks to collect; nothing when it asks for nothing. */
    private String missing() {
        return driver.findElements(By.id("missing")).stream().map(WebElement::getText).findFirst().orElse("");
    }

    private WebElement nextSession() {
        return waitFor(By.id("next-session"));
    }

    /** The plan as read, without its footer, which names this plan's own ID. */
    private String planText() {
        return text(By.id("plan")).replace(footer(), "");
    }

    /** Saves the patient's file through the page and keeps it under target/course-files/. */
    private Path save(String name) throws IOException {
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        driver.findElement(By.id("save-request")).click();
        until(() -> downloaded() != null);
        Path target = Path.of("target", "course-files", name).toAbsolutePath();
        Files.createDirectories(target.getParent());
        return Files.move(downloaded(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path downloaded() {
        try (Stream<Path> files = Files.list(DOWNLOADS)) {
            return files.filter(p -> p.toString().endsWith(".json")).filter(p -> p.toFile().length() > 0)
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private void load(Path file) {
        driver.findElement(By.id("load-file")).sendKeys(file.toString());
        until(() -> text(By.id("file-status")).startsWith("Loaded"));
        assertThat(driver.findElements(By.id("not-loaded"))).isEmpty();
    }

    /** Every answer the form shows: the value of each asked field and which boxes are ticked. */
    private Map<String, String> formValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (WebElement e : driver.findElements(By.cssSelector("#patient-form select[data-path], #patient-form input[data-path]"))) {
            if (e.isDisplayed()) {
                values.put(e.getAttribute("data-path"), e.getAttribute("value"));
            }
        }
        for (WebElement box : driver.findElements(By.cssSelector("#patient-form .events input[type=checkbox]"))) {
            values.put(box.getAttribute("name") + "=" + box.getAttribute("value"), String.valueOf(box.isSelected()));
        }
        return values;
    }

    private static Map<String, String> values(List<WebElement> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach(f -> values.put(f.getAttribute("data-path"), f.getAttribute("value")));
        return values;
    }

    private List<String> optionValues(String path) {
        return input(path).findElements(By.tagName("option")).stream().map(o -> o.getAttribute("value")).toList();
    }

    private WebElement skipNote(String path) {
        return input(path).findElement(By.xpath("..")).findElement(By.className("skip-note"));
    }

    /** Waits for the page's scroll to the new plan to end, so the picture shows the plan's head. */
    private static void screenshot(String name) throws IOException {
        Chromium.settle(driver);
        Path shot = Path.of("target", "screenshots", name);
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        assertThat(shot).isNotEmptyFile();
    }

    /** The words the rule set gives a code, as the page should show them. */
    private static String words(String vocabulary, String code) {
        return SignedIn.asClinician().get("/api/v1/wording").then().statusCode(200).extract().path("types." + vocabulary + "." + code);
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
        Chromium.until(condition);
    }
}
