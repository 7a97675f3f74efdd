package dev.freeport.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in this process: an id (the cookie's value, 256 random bits) and a CSRF token (another
 * 256 bits) per login. A session ends at logout, after {@code idle} without a request, or {@code lifetime} after
 * its login, whichever comes first, or when the admin key changes. At most {@link #MAX_SESSIONS} live at once
 * (the oldest goes first).
 */
final class Sessions {
    static final int MAX_SESSIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One login: its CSRF token, the admin key it was opened under (a hash), when it started and was last used. */
    record Session(String id, String csrf, String keyId, Instant created, Instant lastSeen) {
    }

    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;

    Sessions(Clock clock, Duration idle, Duration lifetime) {
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    /**
     * How the admin log names the session: "console session " + the first 8 hex digits of the SHA-256 of its id
     * (the id is the cookie's secret and never appears; its hash names one login without giving it away).
     */
    static String label(Session s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(s.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "console session " + java.util.HexFormat.of().formatHex(h, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new session after a successful login under the admin key {@code keyId} identifies. */
    Session open(String keyId) {
        Instant now = clock.instant();
        live.values().removeIf(s -> expired(s, now));
        while (live.size() >= MAX_SESSIONS) {
            live.values().stream().min(Comparator.comparing(Session::lastSeen))
                    .ifPresent(oldest -> live.remove(oldest.id()));
        }
        Session s = new Session(token(), token(), keyId, now, now);
        live.put(s.id(), s);
        return s;
    }

    /**
     * The live session with this id, its last use moved to now; null when unknown, expired, or opened under another
     * admin key than {@code keyId} (then dropped).
     */
    Session find(String id, String keyId) {
        if (id == null) {
            return null;
        }
        Session s = live.get(id);
        if (s == null) {
            return null;
        }
        Instant now = clock.instant();
        if (expired(s, now) || !s.keyId().equals(keyId)) {
            live.remove(id);
            return null;
        }
        Session touched = new Session(s.id(), s.csrf(), s.keyId(), s.created(), now);
        live.replace(id, s, touched);
        return touched;
    }

    void close(String id) {
        if (id != null) {
            live.remove(id);
        }
    }

    /** Whether {@code presented} is this session's CSRF token (constant-time compare). */
    static boolean csrfMatches(Session s, String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                s.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.created().plus(lifetime));
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
