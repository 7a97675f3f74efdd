package dev.freeport.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.config.FreeportConfig;
import dev.freeport.json.Json;
import dev.freeport.lab.LabAnswer;
import dev.freeport.lab.LabModule;
import dev.freeport.lab.LabResult;
import dev.freeport.lab.LabSample;
import dev.freeport.lab.LabStore;
import dev.freeport.module.Module;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console's migration page in headless Debian Chromium: lab results seeded through the lab's store (alias coder,
 * 20 samples; candidate "cheap" truncates 4 answers and costs half), read back as the report's numbers, a hostile
 * prompt shown as text, no console errors; a screenshot (into {@code -Dconsole.screenshots=DIR}, e.g. docs/console).
 */
class ConsoleLabBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ADMIN = "adm-lab-test";
    private static final FakeUpstream UP = FakeUpstream.start();
    private static TestGateway gw;
    private static WebDriver driver;

    static ObjectNode completion(String text, String finish) {
        ObjectNode a = Json.NODES.objectNode();
        ObjectNode choice = a.putArray("choices").addObject().put("finish_reason", finish);
        choice.putObject("message").put("role", "assistant").put("content", text);
        return a;
    }

    private static void seed(LabStore store) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 20; i++) {
            ObjectNode req = Json.NODES.objectNode();
            req.putArray("messages").addObject().put("role", "user").put("content", i == 0
                    ? "<script>alert('x')</script> please" : "question " + i);
            store.putSample(new LabSample("s" + i, "coder", "shadow", now - 60_000 + i, "fp-key" + (i % 2),
                    i % 2 == 0 ? "search" : "ads", null, req, new LabAnswer("inc", "big", LabAnswer.OK, null, 10, 10,
                    600_000, 300, null, "stop", completion("answer " + i, "stop")), null));
            store.putResult(new LabResult("s" + i, "coder", "cheap", "shadow", now - 30_000 + i, new LabAnswer("cand",
                    "small", LabAnswer.OK, null, 10, 10, 300_000, 500, null, i < 4 ? "length" : "stop",
                    completion("answer " + i, i < 4 ? "length" : "stop"))));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String msg = "headless Chromium missing: apt-get install chromium chromium-driver";
            if (System.getenv("CI") != null) {
                fail(msg);
            }
            Assumptions.abort(msg);
        }
        AtomicReference<FreeportConfig> cfg = new AtomicReference<>();
        gw = TestGateway.fromYamlWithConfig("admin_key: " + ADMIN, "providers:\n"
                + "  inc: { type: openai, base_url: " + UP.baseUrl() + " }\n"
                + "models:\n  - name: coder\n    targets: [ inc/big ]\n", (vx, c) -> {
                    cfg.set(c);
                    return List.<Module>of(ConsoleModule.open(vx, () -> c, Clock.systemUTC(), ConsoleModule.IDLE,
                            ConsoleModule.LIFETIME), LabModule.open(vx, c));
                });
        try (LabStore store = LabStore.open(cfg.get().store(), cfg.get().ledger().dataDir())) {
            seed(store);
        }
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("chromium-lab"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (gw != null) {
            gw.close();
        }
        UP.close();
    }

    private static WebDriverWait waiting() {
        WebDriverWait w = new WebDriverWait(driver, Duration.ofSeconds(10));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    private static String row(String table, String key) {
        return waiting().until(d -> d.findElement(By.cssSelector("#" + table + " tr[data-key='" + key + "']"))
                .getText());
    }

    @Test
    void theMigrationPageShowsTheLabsReportOfEachAliasWithoutConsoleErrors() throws Exception {
        driver.get(gw.base() + "/ui");
        waiting().until(d -> d.getCurrentUrl().endsWith("/ui/login"));
        driver.findElement(By.id("key")).sendKeys(ADMIN);
        driver.findElement(By.id("login")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/ui") || d.getCurrentUrl().contains("/ui#"));
        driver.get(gw.base() + "/ui#migration");
        waiting().until(d -> "migration".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        JsonNode report = TestGateway.json(gw.get("/admin/migrate/report?alias=coder", "authorization",
                "Bearer " + ADMIN).body());
        JsonNode cheap = report.path("candidates").path(0);
        assertThat(cheap.path("name").asText()).isEqualTo("cheap");
        assertThat(row("table-lab-aliases", "coder")).contains("coder", "20", "1");
        String candidate = row("table-lab-candidates", "cheap");
        assertThat(candidate).contains("cheap", "20", "80.0 %", "$0.0003", "$0.0006", "500 ms", "300 ms");
        assertThat(candidate).contains(String.format(java.util.Locale.ROOT, "%.1f %% – %.1f %%",
                100 * cheap.path("interval").path("low").asDouble(), 100 * cheap.path("interval").path("high")
                        .asDouble()));
        assertThat(row("table-lab-checks", "cheap:truncated")).contains("20.0 %", "0.0 %");
        assertThat(driver.findElement(By.id("table-lab-worst")).getText()).contains("<script>alert('x')</script>");
        assertThat(driver.findElement(By.id("lab-summary")).getText()).startsWith("coder: 20 samples");
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList()).isEmpty();

        String dir = System.getProperty("console.screenshots");
        Path out = dir == null ? Files.createTempDirectory("console-shots") : Path.of(dir);
        Files.createDirectories(out);
        Files.write(out.resolve("migration.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(out.resolve("migration.png"))).isGreaterThan(1000);
    }
}
