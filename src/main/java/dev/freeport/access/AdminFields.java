package dev.freeport.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the admin API's JSON bodies onto keys and teams. A field absent keeps its value, a field set to null
 * clears it (PATCH semantics; creation starts from an empty key). Every error names its field.
 */
final class AdminFields {
    private static final Set<String> KEY_FIELDS = withRules("name", "team", "tags", "models", "rpm", "tpm",
            "max_parallel", "budget", "expires", "expires_at");
    private static final Set<String> TEAM_FIELDS = withRules("name", "tags", "rpm", "tpm", "max_parallel", "budget");

    private AdminFields() {
    }

    static VirtualKey applyToKey(JsonNode body, VirtualKey k, Instant now) {
        unknown(body, KEY_FIELDS);
        String name = body.has("name") ? text(body, "name", 200) : k.name();
        String team = body.has("team") ? (body.get("team").isNull() ? null : Specs.name("team",
                text(body, "team", 64))) : k.team();
        List<String> tags = body.has("tags") ? names(body, "tags") : k.tags();
        Set<String> models = body.has("models") ? new LinkedHashSet<>(names(body, "models")) : k.models();
        Limits limits = limits(body, k.limits());
        Budget budget = body.has("budget") ? budget(body.get("budget")) : k.budget();
        Instant expires = k.expiresAt();
        for (String f : List.of("expires", "expires_at")) {
            if (body.has(f)) {
                expires = body.get(f).isNull() ? null : Specs.expiry(f, text(body, f, 64), now);
                if (expires != null && !expires.isAfter(now)) {
                    throw Specs.bad(f, "the expiry " + expires + " is not in the future");
                }
            }
        }
        return RuleFields.applyToKey(body, k.with(name, team, tags, models, limits, budget, expires));
    }

    static Team applyToTeam(JsonNode body, Team t) {
        unknown(body, TEAM_FIELDS);
        List<String> tags = body.has("tags") ? names(body, "tags") : t.tags();
        Budget budget = body.has("budget") ? budget(body.get("budget")) : t.budget();
        return RuleFields.applyToTeam(body, t.with(tags, limits(body, t.limits()), budget));
    }

    private static Set<String> withRules(String... fields) {
        Set<String> all = new java.util.HashSet<>(Set.of(fields));
        all.addAll(RuleFields.FIELDS);
        return Set.copyOf(all);
    }

    private static void unknown(JsonNode body, Set<String> known) {
        if (!body.isObject()) {
            throw Specs.bad("body", "expected a JSON object");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw Specs.bad(f, "unknown field; known fields: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        });
    }

    private static Limits limits(JsonNode body, Limits l) {
        Long rpm = body.has("rpm") ? positive(body, "rpm") : l.rpm() == null ? null : l.rpm().longValue();
        Long tpm = body.has("tpm") ? positive(body, "tpm") : l.tpm();
        Long par = body.has("max_parallel") ? positive(body, "max_parallel")
                : l.maxParallel() == null ? null : l.maxParallel().longValue();
        if (rpm != null && rpm > Integer.MAX_VALUE || par != null && par > Integer.MAX_VALUE) {
            throw Specs.bad(rpm != null && rpm > Integer.MAX_VALUE ? "rpm" : "max_parallel", "too large");
        }
        return new Limits(rpm == null ? null : rpm.intValue(), tpm, par == null ? null : par.intValue());
    }

    private static Long positive(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() <= 0) {
            throw Specs.bad(field, "must be a whole number above 0, or null for no limit");
        }
        return n.asLong();
    }

    /** "50usd/month" or {amount_usd, period, hard, alert_percents}; null clears. */
    static Budget budget(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return Specs.budget("budget", n.asText(), true, List.of());
        }
        if (!n.isObject()) {
            throw Specs.bad("budget", "write it as \"50usd/month\" or {\"amount_usd\": 50, \"period\": \"month\"}");
        }
        JsonNode amount = n.get("amount_usd");
        if (amount == null || !(amount.isNumber() || amount.isTextual())) {
            throw Specs.bad("budget.amount_usd", "required, a number of USD");
        }
        BigDecimal usd;
        try {
            usd = new BigDecimal(amount.asText());
        } catch (NumberFormatException e) {
            throw Specs.bad("budget.amount_usd", "'" + amount.asText() + "' is not a number");
        }
        if (usd.scale() > 9) {
            throw Specs.bad("budget.amount_usd", "at most 9 decimals");
        }
        String period = n.path("period").asText("");
        boolean hard = !n.has("hard") || n.get("hard").asBoolean(true);
        List<Integer> alerts = new ArrayList<>();
        JsonNode a = n.get("alert_percents");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw Specs.bad("budget.alert_percents", "expected an array of numbers like [50, 80, 100]");
            }
            a.forEach(x -> alerts.add(x.isIntegralNumber() ? x.asInt() : -1));
        }
        return Specs.budget("budget", usd, period, hard, alerts);
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.asText().length() > max) {
            throw Specs.bad(field, "expected a string of at most " + max + " characters");
        }
        return n.asText();
    }

    private static String name(String field, String value) {
        return field.equals("models") ? Specs.modelName(field, value) : Specs.name(field, value);
    }

    private static List<String> names(JsonNode body, String field) {
        JsonNode n = body.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) { // "a,b" is accepted as well as ["a","b"]
            for (String s : n.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(name(field, s.trim()));
                }
            }
            return out;
        }
        if (!n.isArray()) {
            throw Specs.bad(field, "expected an array of strings");
        }
        for (JsonNode x : n) {
            out.add(name(field, x.isTextual() ? x.asText() : null));
        }
        return out.stream().distinct().toList();
    }
}
