package org.ketaplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for the page tests: Debian's chromium and chromedriver, which .ci/run installs. Off CI,
 * a machine without them skips the page tests; on CI their absence fails the build.
 */
public final class Chromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** A new browser that saves downloads, without asking, into {@code downloads}. */
    public static WebDriver start(Path downloads) throws IOException {
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
        Files.createDirectories(downloads);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * Signs the browser in as a local user: every request it makes from now on (the page, its script, its calls to
     * the API) carries that user's Basic credentials, as a browser does once its user has answered the prompt.
     */
    public static void signIn(WebDriver driver, String user) {
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", SignedIn.basic(user))));
    }

    /**
     * Waits for a smooth scroll (the page scrolls to each new plan) to end: a click computed during the scroll can
     * land on whatever moved under the pointer.
     */
    public static void settle(WebDriver driver) {
        long[] last = {-1};
        until(() -> {
            long y = ((Number) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "return new Promise(done => setTimeout(() => done(window.scrollY), 150));")).longValue();
            boolean settled = y == last[0];
            last[0] = y;
            return settled;
        });
    }

    /** Waits up to 15 s for the page to reach a state: pages answer asynchronously, so tests wait, never sleep blind. */
    public static void until(BooleanSupplier condition) {
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
