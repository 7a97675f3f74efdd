package dev.freeport.access;

import dev.freeport.caller.Budget;
import dev.freeport.config.ConfigUnits;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short forms people type: budgets ("50usd/month", "10usd/day", "200usd/total", "$12.5/week") and expiries
 * ("30d", "12h", "90m", or an ISO-8601 instant). Errors are 400s naming the field.
 */
public final class Specs {
    private static final Pattern BUDGET = Pattern.compile("\\$?\\s*(\\d+(?:\\.\\d{1,9})?)\\s*(?:usd)?\\s*/\\s*"
            + "(day|week|month|total)", Pattern.CASE_INSENSITIVE);
    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,63}");

    private Specs() {
    }

    public static Budget budget(String field, String text, boolean hard, List<Integer> alerts) {
        Matcher m = BUDGET.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw bad(field, "'" + text + "' is not a budget; write it like 50usd/month, 10usd/day, 5usd/week or "
                    + "200usd/total");
        }
        return budget(field, new BigDecimal(m.group(1)), m.group(2), hard, alerts);
    }

    public static Budget budget(String field, BigDecimal usd, String period, boolean hard, List<Integer> alerts) {
        if (usd == null || usd.signum() <= 0) {
            throw bad(field, "the budget amount must be more than 0 USD");
        }
        Budget.Period p;
        try {
            p = Budget.Period.valueOf(String.valueOf(period).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(field, "period must be day, week, month or total, not '" + period + "'");
        }
        for (Integer a : alerts) {
            if (a == null || a < 1 || a > 1000) {
                throw bad(field, "alert percents must be between 1 and 1000");
            }
        }
        return new Budget(usd.multiply(NANOS).longValueExact(), p, hard, alerts.stream().sorted().distinct().toList());
    }

    /** "30d", "12h", "45m", "2w" from {@code now}, or an ISO instant; must lie in the future. */
    public static Instant expiry(String field, String text, Instant now) {
        String t = text == null ? "" : text.strip();
        if (!t.isEmpty() && Character.isDigit(t.charAt(0)) && !t.contains("T")) {
            try {
                return now.plus(ConfigUnits.parseDuration(t, false, Duration.ofDays(36_500)));
            } catch (IllegalArgumentException e) {
                throw bad(field, e.getMessage() + ", or an ISO instant like 2026-01-31T00:00:00Z");
            }
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw bad(field, "'" + dev.freeport.error.Echo.of(t) + "' is not an expiry; write a duration (30d, 12h,"
                    + " 2w, 1.5h) or an ISO instant like 2026-01-31T00:00:00Z");
        }
    }

    /** A team name, tag or alias: letters, digits and . _ : @ / - (up to 64; no commas). */
    public static String name(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw bad(field, "'" + value + "' is not a valid value: use letters, digits and . _ : @ / - "
                    + "(at most 64 characters)");
        }
        return value;
    }

    /** An alias a key may use: a name as {@link #name}, or a provider wildcard's name ({@code deepseek/*}). */
    public static String modelName(String field, String value) {
        if (value != null && value.endsWith("/*") && NAME.matcher(value.substring(0, value.length() - 2)).matches()) {
            return value;
        }
        return name(field, value);
    }

    public static String usd(long nanos) {
        return BigDecimal.valueOf(nanos).divide(NANOS).stripTrailingZeros().toPlainString();
    }

    public static String describe(Budget b) {
        return usd(b.limitNanos()) + "usd/" + b.period().name().toLowerCase(Locale.ROOT) + (b.hard() ? "" : " (soft)");
    }

    static GatewayException bad(String field, String message) {
        return GatewayError.invalid(field, field + ": " + message).toException();
    }
}
