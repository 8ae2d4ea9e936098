package io.segmentflow.deliver.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.support.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens a real run's report.html from a file URL in Debian's headless Chromium and checks what a
 * person would see. Skipped, saying why, where Chromium or its driver is not installed.
 */
class ReportInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path WORK = Path.of("target", "report-browser");

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium not installed: apt-get install chromium chromium-driver (Debian) to run the browser test");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,2200", "--allow-file-access-from-files");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void reportShowsEveryImageAndTheSegmentsOfTheSummaryWithoutErrors() throws IOException {
        Path run = runOfGeneratedCustomers();
        browser.get(run.resolve("report.html").toAbsolutePath().toUri().toString());

        List<?> loaded = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.images).map(i => i.complete && i.naturalWidth > 0);");
        assertEquals(11, loaded.size(), "every chart is on the page");
        assertTrue(loaded.stream().allMatch(Boolean.TRUE::equals), "every image loaded: " + loaded);

        JsonNode segments = new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("segments");
        List<WebElement> cards = browser.findElements(By.cssSelector(".segment-card"));
        assertEquals(segments.size(), cards.size());
        for (int i = 0; i < cards.size(); i++) {
            WebElement card = cards.get(i);
            JsonNode segment = segments.get(i);
            assertEquals(segment.get("name").asText(), card.findElement(By.cssSelector(".segment-name")).getText());
            assertEquals(String.format(Locale.ROOT, "%,d", segment.get("size").asInt()),
                    card.findElement(By.cssSelector(".segment-size")).getText());
            assertEquals(String.format(Locale.ROOT, "%.1f%%", segment.get("share").asDouble() * 100),
                    card.findElement(By.cssSelector(".segment-share")).getText());
        }
        assertTrue(browser.findElement(By.id("quality")).getText().contains("<script>alert(1)</script>"),
                "an id with markup is shown as text");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(errors.isEmpty(), "console errors: " + errors);

        byte[] screenshot = browser.getScreenshotAs(OutputType.BYTES);
        Files.write(WORK.resolve("report-screenshot.png"), screenshot);
        assertTrue(screenshot.length > 10_000, "the screenshot shows something");
    }

    private static Path runOfGeneratedCustomers() throws IOException {
        Files.createDirectories(WORK);
        Path input = WORK.resolve("customers.csv");
        Cli.ok("generate", "--customers", "3000", "--seed", "3", "--out", input.toString());
        Files.writeString(input, "<script>alert(1)</script>,5,-2,3,2025-01-01\n", java.nio.file.StandardOpenOption.APPEND);
        Path run = WORK.resolve("run");
        // A first run (its own, emptied model folder), so the page has no migration chart beyond the counted ones.
        Path models = WORK.resolve("models");
        if (Files.exists(models)) {
            try (var paths = Files.walk(models)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Cli.ok("segment", input.toString(), "--out", run.toString(), "--set", "segmentation.model.dir=" + models);
        return run;
    }
}
