package dev.freeport.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the {@code pricing:} section: {@code fx: {CNY: 0.14}}, {@code fx_as_of: 2026-12-01}, {@code catalog_max_age}. */
final class PricingReader {
    static final Set<String> KEYS = ConfigLoader.keys("fx", "fx_as_of", "catalog_max_age");

    private PricingReader() {
    }

    static PricingConfig read(Section s) {
        Map<String, BigDecimal> fx = new LinkedHashMap<>();
        Section rates = s.section("fx", null);
        for (YamlTree.Entry e : rates.entries()) {
            String code = e.key().strip().toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{3}")) {
                rates.problem(e.key(), "a currency is a three-letter ISO 4217 code (e.g. CNY)");
                continue;
            }
            BigDecimal rate = rates.money(e.key());
            if (rate == null) {
                continue;
            }
            if (rate.signum() <= 0) {
                rates.problem(e.key(), "an exchange rate is USD per unit of " + code + " and must be above zero");
                continue;
            }
            fx.put(code, rate);
        }
        LocalDate asOf = null;
        String date = s.str("fx_as_of", null);
        if (date != null) {
            try {
                asOf = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                s.problem("fx_as_of", "must be a date like 2026-12-01");
            }
        }
        Duration maxAge = s.duration("catalog_max_age", PricingConfig.DEFAULT_MAX_AGE, false);
        return new PricingConfig(fx, asOf, maxAge);
    }
}
