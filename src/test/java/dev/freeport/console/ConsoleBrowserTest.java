package dev.freeport.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console end to end in headless Debian Chromium against a gateway with two fake upstreams (vendors openai and
 * deepseek): log in, read the numbers of known traffic, flip the kill switch and see traffic move, no console
 * errors, a wrong key refused, a state change without the CSRF token refused; a screenshot of each page (into
 * {@code -Dconsole.screenshots=DIR} when set, e.g. docs/console). Fails when CI is set and Chromium is missing.
 */
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> PAGES = List.of("spend", "concentration", "health", "budgets", "vendors",
            "request", "audit");

    private static ConsoleGateway c;
    private static WebDriver driver;
    private static String keyPrefix;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String msg = "headless Chromium missing: apt-get install chromium chromium-driver (" + CHROMIUM + ", "
                    + DRIVER + ")";
            if (System.getenv("CI") != null) {
                fail(msg);
            }
            Assumptions.abort(msg);
        }
        c = new ConsoleGateway();
        assertThat(c.admin("POST", "/admin/teams", "{\"name\":\"search\",\"budget\":\"5usd/day\"}").statusCode())
                .isEqualTo(201);
        JsonNode key = TestGateway.json(c.admin("POST", "/admin/keys",
                "{\"name\":\"ci\",\"team\":\"search\",\"budget\":\"1usd/day\"}").body());
        keyPrefix = key.path("prefix").asText();
        for (int i = 0; i < 3; i++) {
            assertThat(c.ask(key.path("secret").asText())).isEqualTo("usapi");
        }
        c.ask(null);
        c.ask(null);
        assertThat(c.gw.post("/v1/chat/completions", "{\"model\":\"smart\",\"messages\":\"hi\"}").statusCode())
                .isEqualTo(400);
        assertThat(c.gw.post("/v1/chat/completions", ConsoleGateway.HELLO.replace("smart", "mystery")).statusCode())
                .isEqualTo(200);
        assertThat(c.gw.awaitEvents(7)).hasSize(7);

        // explicit paths: Selenium Manager must not try to download anything
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        profile = Files.createTempDirectory("chromium-console");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
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
        if (c != null) {
            c.close();
        }
    }

    private static WebDriverWait waiting() {
        WebDriverWait w = new WebDriverWait(driver, Duration.ofSeconds(10));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    private static void login() {
        driver.manage().deleteAllCookies();
        driver.get(c.base() + "/ui");
        waiting().until(d -> d.getCurrentUrl().endsWith("/ui/login"));
        driver.findElement(By.id("key")).sendKeys(ConsoleGateway.ADMIN);
        driver.findElement(By.id("login")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/ui") || d.getCurrentUrl().contains("/ui#"));
    }

    /** Shows a page and waits until its data has loaded. */
    private static void open(String page) {
        driver.get(c.base() + "/ui#" + page);
        waiting().until(d -> page.equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    /** An element's text; read again when a live refresh replaced the element meanwhile. */
    private static String text(String id) {
        return waiting().until(d -> d.findElement(By.id(id)).getText());
    }

    private static String row(String table, String key) {
        return waiting().until(d -> d.findElement(By.cssSelector("#" + table + " tr[data-key='" + key + "']"))
                .getText());
    }

    private static List<LogEntry> severe() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    private static long served(String provider) {
        return c.gw.events().stream().filter(e -> provider.equals(e.provider())).count();
    }

    @Test
    void aWrongAdminKeyIsRefusedAndLeavesNoSession() {
        driver.manage().deleteAllCookies();
        driver.get(c.base() + "/ui/login");
        driver.findElement(By.id("key")).sendKeys("not-the-key");
        driver.findElement(By.id("login")).click();
        assertThat(waiting().until(d -> d.findElement(By.id("login-error"))).getText()).isEqualTo("Wrong admin key.");
        assertThat(driver.manage().getCookieNamed("fp_console")).isNull();
        driver.get(c.base() + "/ui");
        assertThat(driver.getCurrentUrl()).endsWith("/ui/login");
    }

    @Test
    void theSpendPageShowsTheLedgersTotalsByAliasVendorTeamAndKey() {
        login();
        open("spend");
        List<UsageEvent> events = c.gw.events();
        assertThat(text("total-spend")).isEqualTo(c.totalSpend());
        assertThat(text("total-requests")).isEqualTo(Integer.toString(events.size()));
        assertThat(row("table-alias", "smart"))
                .contains(Long.toString(events.stream().filter(e -> "smart".equals(e.alias())).count()));
        assertThat(row("table-vendor", "openai")).contains(Long.toString(served("usapi")));
        assertThat(row("table-team", "search")).contains("3");
        assertThat(row("table-key", keyPrefix)).contains("3");
        assertThat(driver.findElements(By.cssSelector("#chart-alias svg rect.bar"))).isNotEmpty();
    }

    @Test
    void theSpendPageShowsRequestsWithoutAPriceAsTheirOwnLine() {
        login();
        open("spend");
        assertThat(text("cost-unknown")).startsWith("Cost unknown").contains("1 request(s)",
                "usapi/unpriced-model \u00d7 1");
    }

    @Test
    void theConcentrationPageShowsTheAuditsHhiAndVendorShares() {
        login();
        open("concentration");
        JsonNode conc = TestGateway.json(c.admin("GET", "/admin/audit?since=1h", null).body()).path("concentration");
        assertThat(text("hhi")).isEqualTo(String.format(java.util.Locale.US, "%,d", conc.path("hhi").asLong()));
        assertThat(text("hhi-reading")).isEqualTo(conc.path("hhi_reading").asText());
        assertThat(row("table-shares", "openai")).contains(Long.toString(served("usapi")));
    }

    @Test
    void theHealthPageShowsLatencyAndRequestsPerProvider() {
        login();
        open("health");
        assertThat(text("latency")).contains("ms");
        UsageEvent refused = c.gw.events().stream().filter(e -> e.status() == UsageEvent.Status.FAILED).findFirst()
                .orElseThrow();
        assertThat(row("table-errors", refused.errorKind())).endsWith(" 1");
        assertThat(row("table-providers", "usapi")).contains("openai", Long.toString(served("usapi")));
    }

    @Test
    void theBudgetsPageSetsTheLedgersSpendAgainstEachBudget() {
        login();
        open("budgets");
        long keySpend = c.gw.events().stream().filter(e -> keyPrefix.equals(e.caller()))
                .mapToLong(UsageEvent::costNanos).sum();
        String spent = "$" + dev.freeport.catalog.PriceCatalog.formatUsd(keySpend);
        assertThat(row("table-budgets", "key:" + keyPrefix)).contains("day", "hard", spent + " " + spent, "$1");
        assertThat(row("table-budgets", "team:search")).contains(spent, "$5");
    }

    @Test
    void theRequestPageExplainsARoutingDecisionById() {
        String id = c.askForId();
        login();
        open("request");
        driver.findElement(By.id("request-id")).sendKeys(id);
        driver.findElement(By.id("request-explain")).click();
        WebElement decision = waiting().until(d -> d.findElement(By.id("request-decision")));
        assertThat(decision.getText()).contains("ordered");
        assertThat(text("request-event")).contains(id, "usapi", "smart");
    }

    @Test
    void theAuditPageShowsTheAuditReportsFigures() {
        login();
        open("audit");
        JsonNode audit = TestGateway.json(c.admin("GET", "/admin/audit?since=1h", null).body());
        assertThat(text("audit-requests")).isEqualTo(audit.path("totals").path("requests").asText());
        assertThat(text("audit-spend")).isEqualTo("$" + audit.path("totals").path("cost_usd").asText());
    }

    @Test
    void theKillSwitchMovesTrafficToTheOtherVendorAndBack() throws Exception {
        login();
        open("vendors");
        assertThat(row("table-vendors", "openai")).contains("enabled");
        flip("openai", "incident drill");
        waiting().until(d -> row("table-vendors", "openai").contains("disabled"));
        assertThat(row("table-vendors", "openai")).contains("incident drill");
        long start = System.nanoTime();
        while (!c.ask(null).equals("cnapi")) {
            assertThat(System.nanoTime() - start).as("traffic still on openai").isLessThan(5_000_000_000L);
            Thread.sleep(20);
        }
        int before = c.us.requests().size();
        for (int i = 0; i < 3; i++) {
            assertThat(c.ask(null)).isEqualTo("cnapi");
        }
        assertThat(c.us.requests()).hasSize(before);

        flip("openai", null);
        waiting().until(d -> row("table-vendors", "openai").contains("enabled"));
        start = System.nanoTime();
        while (!c.ask(null).equals("usapi")) {
            assertThat(System.nanoTime() - start).as("traffic not back on openai").isLessThan(5_000_000_000L);
            Thread.sleep(20);
        }
    }

    @Test
    void theAdminLogNamesTheConsoleSessionThatFlippedTheKillSwitch() throws Exception {
        login();
        open("vendors");
        String cookie = driver.manage().getCookieNamed("fp_console").getValue();
        String session = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(cookie.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 4);
        flip("deepseek", "attribution check");
        waiting().until(d -> row("table-vendors", "deepseek").contains("disabled"));
        flip("deepseek", null);
        waiting().until(d -> row("table-vendors", "deepseek").contains("enabled"));
        JsonNode log = TestGateway.json(c.admin("GET", "/admin/log?since=1h", null).body()).path("data");
        JsonNode disable = null;
        for (JsonNode e : log) {
            if (e.path("path").asText().equals("/admin/vendors/deepseek/disable")
                    && e.path("after").toString().contains("attribution check")) {
                disable = e;
            }
        }
        assertThat(disable).as(log.toString()).isNotNull();
        assertThat(disable.path("who").asText()).isEqualTo("admin key via console session " + session);
        assertThat(log.toString()).doesNotContain(cookie);
    }

    /** Clicks a vendor's toggle, gives a reason, confirms. */
    private static void flip(String vendor, String reason) {
        driver.findElement(By.id("toggle-" + vendor)).click();
        waiting().until(d -> d.findElement(By.id("confirm")).isDisplayed());
        if (reason != null) {
            driver.findElement(By.id("confirm-reason")).sendKeys(reason);
        }
        driver.findElement(By.id("confirm-ok")).click();
        waiting().until(d -> !d.findElement(By.id("confirm")).isDisplayed());
    }

    @Test
    void aStateChangeFromThePageWithoutTheCsrfTokenIsRefused() {
        login();
        open("spend");
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/admin/vendors/deepseek/disable', {method: 'POST', credentials: 'same-origin',"
                + " headers: {'content-type': 'application/json'}, body: '{}'})"
                + ".then(function (r) { done(r.status); });");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(TestGateway.json(c.admin("GET", "/admin/vendors/deepseek", null).body()).path("enabled")
                .asBoolean()).isTrue();
    }

    @Test
    void everyPageLoadsWithoutConsoleErrorsAndIsCaptured() throws Exception {
        String dir = System.getProperty("console.screenshots");
        Path out = dir == null ? Files.createTempDirectory("console-shots") : Path.of(dir);
        Files.createDirectories(out);
        String id = c.askForId();
        severe();
        driver.manage().deleteAllCookies();
        driver.get(c.base() + "/ui/login");
        shoot(out, "login");
        login();
        for (String page : PAGES) {
            open(page);
            if (page.equals("request")) {
                driver.findElement(By.id("request-id")).sendKeys(id);
                driver.findElement(By.id("request-explain")).click();
                waiting().until(d -> d.findElement(By.id("request-decision")));
            }
            if (page.equals("vendors")) {
                driver.findElement(By.id("toggle-deepseek")).click();
                waiting().until(d -> d.findElement(By.id("confirm")).isDisplayed());
                driver.findElement(By.id("confirm-reason")).sendKeys("price change under review");
                shoot(out, "vendors-confirm");
                driver.findElement(By.id("confirm-cancel")).click();
            }
            shoot(out, page);
        }
        assertThat(severe()).isEmpty();
        for (String page : PAGES) {
            assertThat(Files.size(out.resolve(page + ".png"))).isGreaterThan(1000);
        }
    }

    private static void shoot(Path dir, String name) throws Exception {
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
