package dev.freeport.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A short human summary of a valid config, printed by {@code freeport config check FILE}: providers (type, preset,
 * base URL, whether a key is set; never the key), aliases with their targets, router and ledger settings.
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    public static String render(FreeportConfig c) {
        StringBuilder b = new StringBuilder();
        ServerConfig s = c.server();
        b.append("server     ").append(s.host()).append(':').append(s.port() == 0 ? "(random port)" : s.port())
                .append("  master key: ").append(s.masterKey() == null ? s.requireKeys() ? "none (virtual keys required on /v1)"
                        : "none (no key required on /v1)" : "set")
                .append("  admin key: ").append(s.adminKey() != null ? "set"
                        : s.masterKey() != null ? "same as master key" : "none")
                .append("  max body: ").append(ConfigUnits.formatSize(s.maxBodyBytes())).append('\n');
        if (s.openBeyondLoopback()) {
            b.append(s.allowOpen() ? "WARNING    listening on " + s.host() + " with no key required (allow_open:"
                    + " true): anyone who can reach it can spend your keys\n"
                    : "ERROR      serve refuses to listen on " + s.host() + " with no key required: set master_key"
                    + " (or require_keys: true with virtual keys), or allow_open: true\n");
        }
        if (!s.loopbackOnly() && s.effectiveAdminKey() == null) {
            b.append("NOTE       admin calls (/admin/...) are refused on ").append(s.host())
                    .append(" until admin_key or master_key is set\n");
        }
        if (s.tls() != null) {
            b.append("tls        cert ").append(s.tls().cert()).append(s.tls().clientCa() == null ? ""
                    : "  client certificates required (" + s.tls().clientCa() + ")").append('\n');
        }
        if (!c.guardrails().rules().isEmpty()) {
            b.append("guardrails ").append(c.guardrails().rules().size()).append(" rules\n");
            for (GuardrailsConfig.Rule r : c.guardrails().rules()) {
                b.append("  trust ").append(r.trust().isEmpty() ? "any" : String.join(",", r.trust()))
                        .append("  data class ").append(r.dataClasses().isEmpty() ? "any"
                                : String.join(",", r.dataClasses()));
                r.actions().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append("  ")
                        .append(e.getKey()).append(": ").append(String.join(",", e.getValue())));
                b.append('\n');
            }
        }
        b.append("providers  ").append(c.providers().size()).append('\n');
        for (ProviderConfig p : c.providers().values()) {
            b.append("  ").append(pad(p.name(), 16)).append(pad(kind(p), 20));
            if ("sandbox".equals(p.type())) {
                b.append("models: ").append(String.join(", ", p.sandboxModels().keySet()));
            } else {
                b.append(p.baseUrl() != null ? SecretMask.mask(p.baseUrl())
                                : p.preset() != null ? "(preset URL)" : "(default URL)")
                        .append("  key: ").append(p.apiKey() == null ? "none" : "set");
                if (!p.headers().isEmpty()) {
                    b.append("  headers: ").append(String.join(", ", p.headers().keySet()));
                }
            }
            b.append('\n');
        }
        b.append("aliases    ").append(c.models().size())
                .append(c.models().isEmpty() ? " (/v1/models will list none)" : "").append('\n');
        for (ModelConfig m : c.models()) {
            boolean weighted = m.strategy() == ModelConfig.Strategy.WEIGHTED;
            boolean complexity = m.strategy() == ModelConfig.Strategy.COMPLEXITY;
            boolean ordered = m.strategy() == ModelConfig.Strategy.ORDERED;
            b.append("  ").append(pad(m.name(), 16)).append(pad(m.strategy().label()
                            + (complexity ? " " + Math.round(m.strongShare() * 100) + "%" : ""), 16))
                    .append(m.targets().stream()
                            .map(t -> t.provider() + "/" + t.model() + (weighted ? " x" + t.weight() : "")
                                    + (t.role() != null ? " (" + t.role() + ")" : ""))
                            .collect(Collectors.joining(ordered ? " -> " : ", ")))
                    .append('\n');
            if (!m.match().isEmpty() || m.isDefault()) {
                b.append("  ").append(pad("", 16)).append(m.match().isEmpty() ? "" : "also "
                        + String.join(", ", m.match())).append(m.isDefault() ? (m.match().isEmpty() ? "" : "; ")
                        + "the default for any other name" : "").append('\n');
            }
        }
        RoutingConfig rc = c.routing();
        if (!rc.dataClasses().isEmpty() || !rc.caps().isEmpty()) {
            b.append("routing    data classes: ").append(rc.dataClasses().isEmpty() ? "none"
                    : String.join(", ", rc.dataClasses().keySet()))
                    .append(rc.defaultDataClass() == null ? "" : " (default " + rc.defaultDataClass() + ")")
                    .append("  concentration caps: ").append(rc.caps().isEmpty() ? "none" : rc.caps().stream()
                            .map(cap -> cap.vendor() + " <= " + Math.round(cap.maxShare() * 100) + "% of "
                                    + cap.measure() + " / " + d(cap.window()))
                            .collect(Collectors.joining(", "))).append('\n');
        }
        RouterConfig r = c.router();
        b.append("router     max attempts ").append(r.maxAttempts())
                .append(", backoff ").append(d(r.backoffInitial())).append("..").append(d(r.backoffMax()))
                .append(", retry-after cap ").append(d(r.retryAfterCap()))
                .append(", breaker ").append(r.breakerFailures()).append(" failures / open ")
                .append(d(r.breakerOpenFor())).append('\n')
                .append("timeouts   connect ").append(d(r.timeouts().connect()))
                .append(", first byte ").append(d(r.timeouts().firstByte()))
                .append(", idle ").append(d(r.timeouts().idle()))
                .append(", total ").append(d(r.timeouts().total()))
                .append(" per attempt; request deadline ").append(d(r.totalTimeout())).append('\n');
        LedgerConfig l = c.ledger();
        b.append("ledger     ").append(l.dataDir()).append("  batch ").append(l.batchSize())
                .append("  flush every ").append(d(l.flushInterval()))
                .append("  keep ").append(l.retention() == null ? "forever"
                        : l.retention().toMillis() % 86_400_000 == 0 ? l.retention().toDays() + "d" : d(l.retention()))
                .append(l.maxSize() > 0 ? ", at most " + ConfigUnits.formatSize(l.maxSize()) : "").append('\n');
        b.append("prices     ").append(c.prices().size()).append(" override(s)");
        for (Map.Entry<String, PriceConfig> e : c.prices().entrySet()) {
            b.append("\n  ").append(pad(e.getKey(), 28)).append(price(e.getValue()));
        }
        return b.append('\n').toString();
    }

    private static String kind(ProviderConfig p) {
        return p.preset() == null ? p.type() : p.type() + "/" + p.preset();
    }

    private static String price(PriceConfig p) {
        if (p.perHour() != null) {
            return "$" + p.perHour().toPlainString() + "/hour";
        }
        return "in " + money(p.inputPerMTok()) + "  out " + money(p.outputPerMTok())
                + (p.cachedInputPerMTok() != null ? "  cached " + money(p.cachedInputPerMTok()) : "")
                + (p.cacheWritePerMTok() != null ? "  cache write " + money(p.cacheWritePerMTok()) : "")
                + "  per 1M tokens";
    }

    private static String money(BigDecimal v) {
        return v == null ? "(catalog)" : "$" + v.toPlainString();
    }

    private static String d(java.time.Duration d) {
        return ConfigUnits.formatDuration(d);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
