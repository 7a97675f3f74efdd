package dev.freeport.catalog;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A deprecated name is verified only when the model it maps to is and the mapping itself is. */
class CatalogCheckAliasTest {
    private static final String CATALOG = """
            {"prices": [
              {"provider": "acme", "model": "m1", "input": "1", "output": "2", "source": "https://acme.example/p",
               "asOf": "2026-12-01", "verified": true},
              {"provider": "acme", "model": "m2", "input": "1", "output": "2", "source": "https://tracker.example",
               "asOf": "2026-12-01", "verified": false, "note": "third party"},
              {"provider": "acme", "model": "old-a", "aliasOf": "m1", "source": "https://forum.example",
               "asOf": "2026-12-01", "verified": false, "status": "retired", "note": "a forum says m1 serves it"},
              {"provider": "acme", "model": "old-b", "aliasOf": "m2", "source": "https://acme.example/names",
               "asOf": "2026-12-01", "verified": true, "status": "legacy-alias", "note": "served by m2"}
            ]}
            """;

    @Test
    void anAliasIsReportedUnverifiedWhenItsMappingOrItsTargetIsAndSaysWhich() {
        PriceCatalog catalog = PriceCatalog.parse(new JsonObject(CATALOG));
        CatalogCheck check = CatalogCheck.run(catalog, List.of(), Duration.ofDays(90), LocalDate.of(2026, 12, 5),
                null);
        assertThat(check.unverified()).extracting(PriceSheet::model).containsExactlyInAnyOrder("m2", "old-a", "old-b");
        assertThat(check.aliasWhy()).containsEntry("acme/old-a", "the mapping to m1 is unverified")
                .containsEntry("acme/old-b", "m2, the model it maps to, is unverified").hasSize(2);
        JsonObject oldA = check.toJson().getJsonArray("unverified").stream().map(JsonObject.class::cast)
                .filter(o -> o.getString("model").equals("old-a")).findFirst().orElseThrow();
        assertThat(oldA.getString("alias_of")).isEqualTo("m1");
        assertThat(check.toText(Duration.ofDays(90), 10)).contains("alias of m1: the mapping to m1 is unverified");
    }
}
