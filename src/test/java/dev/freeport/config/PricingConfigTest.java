package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static dev.freeport.config.ConfigTesting.SANDBOX;
import static dev.freeport.config.ConfigTesting.parse;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code pricing:} section: exchange rates and the catalog's age limit. */
class PricingConfigTest {

    @Test
    void readsExchangeRatesTheirDateAndTheCatalogAgeLimit() {
        PricingConfig p = parse(SANDBOX + """
                pricing:
                  fx: { cny: "0.14" }
                  fx_as_of: 2026-12-01
                  catalog_max_age: 30d
                """).pricing();
        assertThat(p.fx()).isEqualTo(Map.of("CNY", new BigDecimal("0.14")));
        assertThat(p.fxAsOf()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(p.catalogMaxAge()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aRateOfZeroOrACurrencyThatIsNoCodeIsAProblemNamingIt() {
        ConfigProblem zero = problem(SANDBOX + "pricing:\n  fx: { CNY: 0 }\n");
        assertThat(zero.path()).isEqualTo("pricing.fx.CNY");
        assertThat(zero.message()).contains("above zero");
        ConfigProblem code = problem(SANDBOX + "pricing:\n  fx: { yuan: 0.14 }\n");
        assertThat(code.path()).isEqualTo("pricing.fx.yuan");
        assertThat(code.message()).contains("ISO 4217");
    }
}
