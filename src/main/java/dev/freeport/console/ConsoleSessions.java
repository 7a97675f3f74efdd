package dev.freeport.console;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.module.AdminSessions;
import io.vertx.core.http.HttpMethod;

import java.util.function.Function;

/**
 * The console's session cookie as a stand-in for the admin key on {@code /admin/...}: reads need a live session;
 * every other method also needs the session's CSRF token in {@value #CSRF_HEADER} (a cross-site page can make a
 * browser send the cookie, never read or set that header). A request without the cookie is not the console's.
 */
final class ConsoleSessions implements AdminSessions {
    static final String COOKIE = "fp_console";
    static final String CSRF_HEADER = "x-csrf-token";

    private final Sessions sessions;

    ConsoleSessions(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Verdict check(HttpMethod method, Function<String, String> header, String adminKeyId) {
        String id = cookie(header.apply("cookie"));
        if (id == null) {
            return null;
        }
        Sessions.Session s = sessions.find(id, adminKeyId);
        if (s == null) {
            return new Refused(new GatewayError(ErrorKind.AUTHENTICATION, 401, "The console session has expired, was "
                    + "closed, or the admin key changed; log in again at /ui/login.", null, "session_expired", null));
        }
        if (!safe(method) && !Sessions.csrfMatches(s, header.apply(CSRF_HEADER))) {
            return new Refused(new GatewayError(ErrorKind.PERMISSION, 403, "A console session changes state only "
                    + "with its CSRF token in the " + CSRF_HEADER + " header.", null, "csrf_token_invalid", null));
        }
        return new Allowed(Sessions.label(s));
    }

    static boolean safe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    /** The session cookie's value in a Cookie header, or null. */
    static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) {
                String v = p.substring(COOKIE.length() + 1);
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }
}
