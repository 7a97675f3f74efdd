package dev.freeport.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's door over real HTTP: the login with the admin key, the session cookie's flags, the session standing
 * in for the key on the admin API, the CSRF token on state changes, expiry, logout, cross-site posts, lock-out and
 * the security headers.
 */
class ConsoleSecurityTest {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();
    private ConsoleGateway c;

    @BeforeEach
    void start() {
        c = new ConsoleGateway(Duration.ofMinutes(30), Duration.ofHours(8));
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.base() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String key, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "content-type";
        all[1] = "application/x-www-form-urlencoded";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", "/ui/login", "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), all);
    }

    /** Logs in with the admin key; answers the Cookie header value of the new session. */
    private String session() throws Exception {
        HttpResponse<String> r = login(ConsoleGateway.ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return r.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    }

    /** The session's CSRF token, read from the console page's meta tag. */
    private String csrf(String cookie) throws Exception {
        String html = send("GET", "/ui", null, "cookie", cookie).body();
        int at = html.indexOf("name=\"csrf-token\" content=\"") + "name=\"csrf-token\" content=\"".length();
        return html.substring(at, html.indexOf('"', at));
    }

    @Test
    void theConsoleWithoutASessionRedirectsToTheLoginForm() throws Exception {
        HttpResponse<String> r = send("GET", "/ui", null);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("location")).hasValue("/ui/login");
        HttpResponse<String> form = send("GET", "/ui/login", null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<form method=\"post\" action=\"/ui/login\"");
    }

    @Test
    void aWrongAdminKeyIsRefusedWithoutASession() throws Exception {
        HttpResponse<String> r = login("not-the-key");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("set-cookie")).isEmpty();
        assertThat(r.body()).contains("Wrong admin key.").doesNotContain(ConsoleGateway.ADMIN);
    }

    @Test
    void theAdminKeyOpensASessionWithAnHttpOnlyStrictSameSiteCookie() throws Exception {
        HttpResponse<String> r = login(ConsoleGateway.ADMIN);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("location")).hasValue("/ui");
        String cookie = r.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).startsWith("fp_console=").contains("; HttpOnly", "; SameSite=Strict", "; Path=/",
                "; Max-Age=28800").doesNotContain("Secure");
        assertThat(send("GET", "/ui", null, "cookie", cookie.split(";")[0]).statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionReadsTheAdminApiWithoutTheKey() throws Exception {
        String cookie = session();
        assertThat(send("GET", "/admin/vendors", null).statusCode()).isEqualTo(401);
        HttpResponse<String> r = send("GET", "/admin/vendors", null, "cookie", cookie);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aStateChangeWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        String cookie = session();
        HttpResponse<String> none = send("POST", "/admin/vendors/openai/disable", "{}", "cookie", cookie,
                "content-type", "application/json");
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(TestGateway.json(none.body()).path("error").path("code").asText()).isEqualTo("csrf_token_invalid");
        HttpResponse<String> wrong = send("POST", "/admin/vendors/openai/disable", "{}", "cookie", cookie,
                "content-type", "application/json", "x-csrf-token", "forged");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(c.ask(null)).isEqualTo("usapi");
        assertThat(TestGateway.json(c.admin("GET", "/admin/vendors/openai", null).body()).path("enabled").asBoolean())
                .isTrue();

        HttpResponse<String> ok = send("POST", "/admin/vendors/openai/disable", "{\"reason\":\"drill\"}", "cookie",
                cookie, "content-type", "application/json", "x-csrf-token", csrf(cookie));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(TestGateway.json(ok.body()).path("status").asText()).isEqualTo("disabled");
    }

    @Test
    void aSessionIdleLongerThanItsTimeoutIsRefused() throws Exception {
        String cookie = session();
        c.clock.advance(Duration.ofMinutes(29));
        assertThat(send("GET", "/admin/vendors", null, "cookie", cookie).statusCode()).isEqualTo(200);
        c.clock.advance(Duration.ofMinutes(30));
        HttpResponse<String> r = send("GET", "/admin/vendors", null, "cookie", cookie);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestGateway.json(r.body()).path("error").path("code").asText()).isEqualTo("session_expired");
        assertThat(send("GET", "/ui", null, "cookie", cookie).headers().firstValue("location")).hasValue("/ui/login");
    }

    @Test
    void aSessionEndsAtItsLifetimeEvenWhenUsed() throws Exception {
        String cookie = session();
        for (int i = 0; i < 16; i++) {
            c.clock.advance(Duration.ofMinutes(29));
            assertThat(send("GET", "/admin/vendors", null, "cookie", cookie).statusCode()).isEqualTo(200);
        }
        c.clock.advance(Duration.ofMinutes(29));
        assertThat(send("GET", "/admin/vendors", null, "cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void aReloadThatChangesTheAdminKeyEndsEverySession() throws Exception {
        String cookie = session();
        java.nio.file.Path file = c.gw.dataDir().resolve("freeport.yaml");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file)
                .replace("admin_key: " + ConsoleGateway.ADMIN, "admin_key: rotated-key"));
        c.gw.gateway().reload().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        HttpResponse<String> r = send("GET", "/admin/vendors", null, "cookie", cookie);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestGateway.json(r.body()).path("error").path("code").asText()).isEqualTo("session_expired");
        assertThat(login("rotated-key").statusCode()).isEqualTo(303);
    }

    @Test
    void logoutWithTheTokenEndsTheSession() throws Exception {
        String cookie = session();
        String token = csrf(cookie);
        HttpResponse<String> forged = send("POST", "/ui/logout", "csrf=forged", "cookie", cookie,
                "content-type", "application/x-www-form-urlencoded");
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> out = send("POST", "/ui/logout", "csrf=" + token, "cookie", cookie,
                "content-type", "application/x-www-form-urlencoded");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("set-cookie").orElseThrow()).startsWith("fp_console=;")
                .contains("Max-Age=0");
        assertThat(send("GET", "/admin/vendors", null, "cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void aLoginPostedFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> r = login(ConsoleGateway.ADMIN, "origin", "https://evil.example");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("set-cookie")).isEmpty();
        assertThat(login(ConsoleGateway.ADMIN, "sec-fetch-site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(login(ConsoleGateway.ADMIN, "sec-fetch-site", "same-origin", "origin", "null").statusCode())
                .isEqualTo(303);
    }

    @Test
    void aGatewayWithoutAnAdminKeyOnLoopbackLetsALoopbackBrowserLogIn() throws Exception {
        AtomicReference<TestGateway> self = new AtomicReference<>();
        TestGateway open = TestGateway.fromYaml("""
                providers:
                  sandbox: { type: sandbox, models: { m: { ttft: 1ms } } }
                models:
                  - { name: m, targets: [ sandbox/m ] }
                """, vx -> java.util.List.of(ConsoleModule.open(vx, () -> self.get().gateway().runtime().config(),
                java.time.Clock.systemUTC(), Duration.ofMinutes(30), Duration.ofHours(8))));
        self.set(open);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(open.base() + "/ui/login"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("key=anything")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.headers().firstValue("set-cookie")).isPresent();
        } finally {
            open.close();
        }
    }

    @Test
    void theSessionCookieIsSecureOverTls() {
        assertThat(ConsolePages.cookie("abc", 60, true)).endsWith("; Secure");
        assertThat(ConsolePages.cookie("abc", 60, false)).doesNotContain("Secure");
    }

    @Test
    void tenFailedLoginsLockTheAddressOutForTheMinute() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(login("guess-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login(ConsoleGateway.ADMIN);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("retry-after")).isPresent();
        assertThat(locked.headers().firstValue("set-cookie")).isEmpty();
        c.clock.advance(Duration.ofMinutes(1));
        assertThat(login(ConsoleGateway.ADMIN).statusCode()).isEqualTo(303);
    }

    @Test
    void everyConsoleAnswerCarriesTheSecurityHeaders() throws Exception {
        String cookie = session();
        for (HttpResponse<String> r : java.util.List.of(send("GET", "/ui/login", null),
                send("GET", "/ui", null, "cookie", cookie), send("GET", "/ui/assets/console.js", null),
                send("GET", "/ui/nothing", null))) {
            String csp = r.headers().firstValue("content-security-policy").orElseThrow();
            assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(r.headers().firstValue("x-frame-options")).hasValue("DENY");
            assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        }
        assertThat(send("GET", "/ui", null, "cookie", cookie).headers().firstValue("cache-control"))
                .hasValue("no-store");
    }

    @Test
    void theConsolePagesHoldNoInlineScriptOrStyle() throws Exception {
        String cookie = session();
        for (String html : new String[]{send("GET", "/ui", null, "cookie", cookie).body(),
                send("GET", "/ui/login", null).body()}) {
            assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style", " style=",
                    "onclick=", "onload=", "http://", "https://");
        }
    }

    @Test
    void theUsageEndpointRefusesABadWindowWithA400() throws Exception {
        HttpResponse<String> r = c.admin("GET", "/admin/usage?since=yesterday", null);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = TestGateway.json(r.body()).path("error");
        assertThat(e.path("param").asText()).isEqualTo("since");
        assertThat(c.admin("GET", "/admin/usage?since=1h&bucket=1s", null).statusCode()).isEqualTo(400);
    }
}
