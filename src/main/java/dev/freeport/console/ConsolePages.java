package dev.freeport.console;

import dev.freeport.module.WebReply;
import dev.freeport.module.WebRequest;
import dev.freeport.module.WebRoutes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's pages under {@code /ui}: the login form ({@code GET/POST /ui/login}), the console itself
 * ({@code GET /ui}, only with a session; it carries the session's CSRF token in a meta tag), logout
 * ({@code POST /ui/logout} with the token) and the static files ({@code /ui/assets/NAME}). Every answer carries
 * the security headers: a CSP without inline scripts or styles, no framing, nosniff, no referrer, no caching of
 * pages; HSTS over TLS. A login posted from another site is refused; ten failed logins from one address within a
 * minute lock that address out for the rest of the minute.
 */
final class ConsolePages implements WebRoutes {
    static final String ROOT = "/ui";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final int MAX_FAILURES = 10;
    private static final long FAILURE_WINDOW_MS = 60_000;

    private final Sessions sessions;
    private final Assets assets;
    private final Clock clock;
    /** per address: [window start ms, failures in it] */
    private final Map<String, long[]> failures = new ConcurrentHashMap<>();

    ConsolePages(Sessions sessions, Assets assets, Clock clock) {
        this.sessions = sessions;
        this.assets = assets;
        this.clock = clock;
    }

    @Override
    public boolean serves(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    @Override
    public Future<WebReply> handle(WebRequest req) {
        String path = req.path();
        if (path.startsWith(ROOT + "/assets/")) {
            return Future.succeededFuture(asset(req, path.substring((ROOT + "/assets/").length())));
        }
        return Future.succeededFuture(switch (path) {
            case ROOT -> index(req);
            case ROOT + "/login" -> login(req);
            case ROOT + "/logout" -> logout(req);
            default -> text(req, 404, "No console page " + path + "; the console is at /ui.");
        });
    }

    private WebReply asset(WebRequest req, String name) {
        Assets.Asset a = name.endsWith(".html") ? null : assets.get(name);
        if (a == null) {
            return text(req, 404, "No console file " + name + ".");
        }
        if (!ConsoleSessions.safe(req.method())) {
            return methodNotAllowed(req, "GET");
        }
        return reply(req, 200, a.type(), Map.of("cache-control", "no-cache"), a.bytes());
    }

    private WebReply index(WebRequest req) {
        if (!ConsoleSessions.safe(req.method())) {
            return methodNotAllowed(req, "GET");
        }
        Sessions.Session s = sessions.find(ConsoleSessions.cookie(req.header("cookie")), req.adminKeyId());
        if (s == null) {
            return redirect(req, ROOT + "/login", null);
        }
        String html = assets.text("index.html").replace("{{csrf}}", s.csrf());
        return html(req, 200, html, null);
    }

    private WebReply login(WebRequest req) {
        if (ConsoleSessions.safe(req.method())) {
            return html(req, 200, loginPage(""), null);
        }
        if (req.method() != HttpMethod.POST) {
            return methodNotAllowed(req, "GET, POST");
        }
        if (crossSite(req)) {
            return text(req, 403, "Cross-site login refused.");
        }
        long now = clock.millis();
        if (failures.size() > 10_000) {
            failures.values().removeIf(v -> now - v[0] >= FAILURE_WINDOW_MS);
        }
        long[] f = failures.compute(req.from(), (k, v) -> v == null || now - v[0] >= FAILURE_WINDOW_MS
                ? new long[]{now, 0} : v);
        if (f[1] >= MAX_FAILURES) {
            long wait = Math.max(1, (f[0] + FAILURE_WINDOW_MS - now + 999) / 1000);
            return reply(req, 429, "text/html; charset=utf-8", Map.of("retry-after", Long.toString(wait),
                    "cache-control", "no-store"), loginPage("Too many failed logins; try again in " + wait
                    + " s.").getBytes(StandardCharsets.UTF_8));
        }
        String key = form(req).getOrDefault("key", "");
        if (!req.adminKey().test(key)) {
            failures.computeIfPresent(req.from(), (k, v) -> new long[]{v[0], v[1] + 1});
            return html(req, 401, loginPage("Wrong admin key."), null);
        }
        failures.remove(req.from());
        Sessions.Session s = sessions.open(req.adminKeyId());
        return redirect(req, ROOT, cookie(s.id(), sessions.lifetime().toSeconds(), req.tls()));
    }

    private WebReply logout(WebRequest req) {
        if (req.method() != HttpMethod.POST) {
            return methodNotAllowed(req, "POST");
        }
        String id = ConsoleSessions.cookie(req.header("cookie"));
        Sessions.Session s = sessions.find(id, req.adminKeyId());
        if (s != null && !Sessions.csrfMatches(s, form(req).get("csrf"))) {
            return text(req, 403, "Logout needs the session's CSRF token.");
        }
        sessions.close(id);
        return redirect(req, ROOT + "/login", cookie("", 0, req.tls()));
    }

    private String loginPage(String message) {
        String escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return assets.text("login.html").replace("<!--message-->", escaped.isEmpty() ? ""
                : "<p class=\"error\" id=\"login-error\">" + escaped + "</p>");
    }

    /**
     * Whether the form was posted from another site: a browser's Sec-Fetch-Site other than same-origin, or, from a
     * browser that sends none, an Origin (also "null") that is not this host.
     */
    private static boolean crossSite(WebRequest req) {
        String site = req.header("sec-fetch-site");
        if (site != null) {
            return !site.equals("same-origin");
        }
        String origin = req.header("origin");
        if (origin == null) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            String host = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return o.getHost() == null || !host.equalsIgnoreCase(req.header("host"));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** An application/x-www-form-urlencoded body (the login and logout forms). */
    private static Map<String, String> form(WebRequest req) {
        Map<String, String> out = new HashMap<>();
        String body = req.body().toString(StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException ignored) {
                    // a malformed escape: the field is left out (a login then fails as a wrong key)
                }
            }
        }
        return out;
    }

    static String cookie(String value, long maxAgeSeconds, boolean tls) {
        return ConsoleSessions.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }

    private static WebReply redirect(WebRequest req, String to, String setCookie) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("location", to);
        h.put("cache-control", "no-store");
        if (setCookie != null) {
            h.put("set-cookie", setCookie);
        }
        return reply(req, 303, "text/plain; charset=utf-8", h, new byte[0]);
    }

    private static WebReply html(WebRequest req, int status, String html, String setCookie) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("cache-control", "no-store");
        if (setCookie != null) {
            h.put("set-cookie", setCookie);
        }
        return reply(req, status, "text/html; charset=utf-8", h, html.getBytes(StandardCharsets.UTF_8));
    }

    private static WebReply methodNotAllowed(WebRequest req, String allow) {
        return reply(req, 405, "text/plain; charset=utf-8", Map.of("allow", allow), ("Method " + req.method()
                + " is not allowed here; use " + allow + ".").getBytes(StandardCharsets.UTF_8));
    }

    private static WebReply text(WebRequest req, int status, String message) {
        return reply(req, status, "text/plain; charset=utf-8", Map.of("cache-control", "no-store"),
                message.getBytes(StandardCharsets.UTF_8));
    }

    /** Every answer with the security headers. */
    private static WebReply reply(WebRequest req, int status, String type, Map<String, String> extra, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>(extra);
        h.put("content-security-policy", CSP);
        h.put("x-frame-options", "DENY");
        h.put("x-content-type-options", "nosniff");
        h.put("referrer-policy", "same-origin");
        h.put("cross-origin-opener-policy", "same-origin");
        if (req.tls()) {
            h.put("strict-transport-security", "max-age=31536000");
        }
        return new WebReply(status, type, h, body);
    }
}
