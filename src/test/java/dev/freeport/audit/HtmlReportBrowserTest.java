package dev.freeport.audit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens the sample report in headless Debian Chromium (file:// URL, no network) and checks it renders every
 * section with its figures and logs no console errors. Fails when CI is set and the browser is missing.
 */
class HtmlReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver driver;
    private static AuditReport report;

    @TempDir
    static Path dir;

    @BeforeAll
    static void open() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String msg = "headless Chromium missing: apt-get install chromium chromium-driver (" + CHROMIUM + ", "
                    + DRIVER + ")";
            if (System.getenv("CI") != null) {
                fail(msg);
            }
            Assumptions.abort(msg);
        }
        report = Auditor.analyze(SampleWorkload.generate(SampleWorkload.DEFAULT_SEED, Records.CATALOG),
                Records.CATALOG);
        Path html = dir.resolve("audit.html");
        Files.writeString(html, HtmlReport.render(report));
        // explicit paths: Selenium Manager must not try to download anything
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.get(html.toUri().toString());
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void loadsWithoutConsoleErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).isEmpty();
        assertThat(driver.getTitle()).isEqualTo("Freeport spend audit");
    }

    @Test
    void showsEverySectionHeading() {
        List<String> headings = driver.findElements(By.tagName("h2")).stream().map(WebElement::getText).toList();
        assertThat(headings).containsExactly("Spend by day", "Spend by vendor", "Spend by model", "Top spenders",
                "Spend by key", "Spend by team", "Spend by tag", "Concentration", "Token-maxxing findings",
                "Savings on open models");
    }

    @Test
    void showsTheTotalsHhiFindingsAndSavingsFigures() {
        String body = driver.findElement(By.tagName("body")).getText();
        assertThat(body).contains(String.format("%,d", report.totals().requests()),
                AuditJson.usd(report.totals().costNanos()), AuditJson.usd(report.savings().savingNanos()));
        assertThat(driver.findElement(By.id("hhi")).getText())
                .contains(String.format("%,d", report.concentration().hhi()), report.concentration().hhiReading());
        for (AuditReport.Finding f : report.findings()) {
            String row = driver.findElement(By.id("finding-" + f.id())).getText();
            assertThat(row).contains(f.title(), String.format("%,d", f.count()), AuditJson.usd(f.nanos()));
        }
        assertThat(driver.findElements(By.cssSelector("#spend-by-day + svg rect")))
                .hasSize(report.spend().byDay().size());
    }

    @Test
    void showsTheSampleFiguresPinnedBySeed42() {
        String body = driver.findElement(By.tagName("body")).getText();
        assertThat(body).contains("6,175", "$105.66", "7,098", "highly concentrated", "$104.62");
    }
}
