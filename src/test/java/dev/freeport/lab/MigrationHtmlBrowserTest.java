package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
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
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens a migration report in headless Debian Chromium (file:// URL, no network): it renders every candidate with
 * its figures and charts, shows a hostile prompt as text, and logs no console errors.
 */
class MigrationHtmlBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver driver;
    private static MigrationReport report;

    @TempDir
    static Path dir;

    static ObjectNode completion(String text, String finish) {
        ObjectNode a = Json.NODES.objectNode();
        ObjectNode choice = a.putArray("choices").addObject().put("finish_reason", finish);
        choice.putObject("message").put("role", "assistant").put("content", text);
        return a;
    }

    /** 20 requests; the candidate truncates 4 of them, one prompt tries to inject a script. */
    static MigrationReport sample() {
        List<LabSample> samples = new ArrayList<>();
        List<LabResult> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ObjectNode req = Json.NODES.objectNode();
            req.putArray("messages").addObject().put("role", "user").put("content", i == 0
                    ? "<script>alert('x')</script> please" : "question " + i);
            samples.add(new LabSample("s" + i, "coder", "shadow", 1_000 + i, "fp-key" + (i % 2), i % 2 == 0 ? "search"
                    : "ads", null, req, new LabAnswer("inc", "big", LabAnswer.OK, null, 10, 10, 600_000, 300, null,
                    "stop", completion("answer " + i, "stop")), i < 10 ? "prod,eu" : null));
            results.add(new LabResult("s" + i, "coder", "cheap", "shadow", 2_000 + i, new LabAnswer("cand", "small",
                    LabAnswer.OK, null, 10, 10, 300_000, 500, null, i < 4 ? "length" : "stop",
                    completion("answer " + i, i < 4 ? "length" : "stop"))));
        }
        return ReportBuilder.build("coder", 0, samples, results, List.of(), new MigrationReport.Volume(1000,
                600_000_000L), (a, b) -> a.equals(b) ? 1.0 : 0.4);
    }

    @BeforeAll
    static void open() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String msg = "headless Chromium missing: apt-get install chromium chromium-driver";
            if (System.getenv("CI") != null) {
                fail(msg);
            }
            Assumptions.abort(msg);
        }
        report = sample();
        Path html = dir.resolve("migration.html");
        Files.writeString(html, MigrationHtml.render(report));
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
    void loadsWithoutConsoleErrorsAndRunsNoScript() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).isEmpty();
        assertThat(driver.getTitle()).isEqualTo("Freeport migration report: coder");
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(driver.findElement(By.id("candidate-cheap-worst")).getText()).contains("<script>alert('x')</script>");
    }

    @Test
    void showsTheCandidatesFiguresAndCharts() {
        assertThat(driver.findElements(By.tagName("h2")).stream().map(WebElement::getText).toList())
                .containsExactly("Candidate cheap");
        String body = driver.findElement(By.tagName("body")).getText();
        assertThat(body).contains("80.0% (16/20)", "$0.0003 vs $0.0006", "$0.30"); // half of $0.60 a month
        assertThat(driver.findElement(By.id("candidate-cheap-checks")).getText()).contains("truncated 20.0% 0.0%");
        assertThat(driver.findElements(By.cssSelector("#candidate-cheap-failures rect.candidate")))
                .hasSize(Checks.Failure.values().length);
        assertThat(driver.findElements(By.cssSelector("#candidate-cheap-agreement rect"))).hasSize(5);
        assertThat(driver.findElement(By.id("candidate-cheap-by-team")).getText()).contains("ads", "search");
        assertThat(driver.findElement(By.id("candidate-cheap-by-tag")).getText())
                .contains("(no tag) 10 100.0%", "eu 10 60.0%", "prod 10 60.0%");
        assertThat(driver.findElement(By.id("candidate-cheap-suggestion")).getText()).startsWith("keep coder");
        assertThat(driver.findElements(By.cssSelector("#candidate-cheap-worst tr"))).hasSize(1 + 4);
    }
}
