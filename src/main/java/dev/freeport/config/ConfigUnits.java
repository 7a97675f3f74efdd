package dev.freeport.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value syntaxes of the config file: durations ({@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}), sizes
 * ({@code 16MiB}, {@code 512KB}, plain bytes) and money (exact decimals, never through a double). Each parser throws
 * {@link IllegalArgumentException} with a message meant for the user.
 */
public final class ConfigUnits {

    private static final Pattern DURATION = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-z]*)");
    private static final Set<String> INFINITE = Set.of("infinite", "infinity", "inf", "never", "none", "unlimited",
            "forever", "-1");
    private static final Map<String, Long> SIZE_UNITS = Map.of("", 1L, "b", 1L, "kb", 1000L, "mb", 1000_000L,
            "gb", 1000_000_000L, "kib", 1024L, "mib", 1024L * 1024, "gib", 1024L * 1024 * 1024);
    private static final Map<String, Long> MILLIS = Map.of("ms", 1L, "s", 1000L, "m", 60_000L, "h", 3_600_000L,
            "d", 86_400_000L);

    private ConfigUnits() {
    }

    /**
     * A duration with a unit: ms, s, m, h or d, e.g. {@code 250ms}, {@code 1.5s}. "infinite" and its synonyms are
     * refused (every wait in Freeport is bounded), as are negative values, and zero unless {@code allowZero}.
     */
    public static Duration parseDuration(String text, boolean allowZero) {
        return parseDuration(text, allowZero, 365);
    }

    /** {@link #parseDuration(String, boolean)} up to {@code maxDays} instead of a year. */
    public static Duration parseDuration(String text, boolean allowZero, int maxDays) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (INFINITE.contains(t)) {
            return fail("\"" + text + "\" is not allowed: durations must be finite (e.g. 30s or 10m)");
        }
        if (t.matches("-?\\d+(\\.\\d+)?")) {
            return fail("\"" + text + "\" needs a unit: ms, s, m or h (e.g. " + t + "s)");
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            return fail("\"" + text + "\" is not a duration (write e.g. 250ms, 10s, 2m or 1h)");
        }
        BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(MILLIS.get(m.group(2))));
        if (millis.signum() < 0) {
            return fail("\"" + text + "\" is negative: durations must be positive");
        }
        if (millis.signum() == 0 && !allowZero) {
            return fail("\"" + text + "\" is zero: this duration must be greater than zero");
        }
        if (millis.stripTrailingZeros().scale() > 0) {
            return fail("\"" + text + "\" is finer than a millisecond");
        }
        if (millis.compareTo(BigDecimal.valueOf(maxDays * 86_400_000L)) > 0) {
            return fail("\"" + text + "\" is longer than " + (maxDays == 365 ? "a year" : maxDays + " days"));
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    /** A size in bytes: a plain number, or with B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (of 1024). */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        Long unit = m.matches() ? SIZE_UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size (write bytes, or e.g. 512KB, 16MiB)");
        }
        BigInteger bytes = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit));
        if (bytes.signum() == 0) {
            throw new IllegalArgumentException("\"" + text + "\" is zero: a size must be greater than zero");
        }
        if (bytes.bitLength() > 62) {
            throw new IllegalArgumentException("\"" + text + "\" is too large");
        }
        return bytes.longValueExact();
    }

    /** An amount of USD, exactly as written (e.g. "0.028" stays 0.028); must be zero or more. */
    public static BigDecimal parseMoney(String text) {
        String t = text.strip();
        BigDecimal v;
        try {
            if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new NumberFormatException();
            }
            v = new BigDecimal(t);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an amount (write a number of USD, e.g. 0.28)");
        }
        if (v.signum() < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is negative: prices must be zero or more");
        }
        return v;
    }

    /** The shortest exact form: 100ms, 2s, 10m, 1h, 1500ms. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms != 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** e.g. 16MiB, 512KB, 1000B. */
    public static String formatSize(long bytes) {
        long[] units = {1024L * 1024 * 1024, 1000_000_000L, 1024L * 1024, 1000_000L, 1024L, 1000L};
        String[] names = {"GiB", "GB", "MiB", "MB", "KiB", "KB"};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= units[i] && bytes % units[i] == 0) {
                return bytes / units[i] + names[i];
            }
        }
        return bytes + "B";
    }

    private static Duration fail(String message) {
        throw new IllegalArgumentException(message);
    }
}
