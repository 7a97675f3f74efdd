package dev.freeport.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.caller.Principal;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.route.Trust;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Vendor rules and data classes of keys and teams through the admin API of a real gateway (SQLite store). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRulesAdminApiTest {
    private static final String ADMIN = "admin-rules-key";
    private TestGateway gw;

    @BeforeAll
    void start() {
        gw = TestGateway.builder()
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("cheap", "sb/fast").adminKey(ADMIN).keys().start();
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        return gw.call(method, path, json, "authorization", "Bearer " + ADMIN);
    }

    private JsonNode ok(String method, String path, String json, int status) {
        HttpResponse<String> r = admin(method, path, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return TestGateway.json(r.body());
    }

    private Principal principal(String secret) {
        return gw.access().authenticator(null).authenticate(secret).await();
    }

    private static String team() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    @Test
    void createdKeyEchoesItsRulesNormalisedAndItsPrincipalCarriesThem() {
        JsonNode k = ok("POST", "/admin/keys", "{\"allow_vendors\":[\"OpenAI\",\"mistral\"],\"deny_vendors\":"
                + "[\"DeepSeek\"],\"allow_jurisdictions\":[\"eu\",\"DE\"],\"deny_jurisdictions\":\"cn,ru\","
                + "\"allow_trust\":[\"self-hosted\",\"contracted\"],\"data_class\":\"Confidential\"}", 201);
        assertThat(strings(k.get("allow_vendors"))).containsExactly("mistral", "openai");
        assertThat(strings(k.get("deny_vendors"))).containsExactly("deepseek");
        assertThat(strings(k.get("allow_jurisdictions"))).containsExactly("DE", "EU");
        assertThat(strings(k.get("deny_jurisdictions"))).containsExactly("CN", "RU");
        assertThat(strings(k.get("allow_trust"))).containsExactly("self-hosted", "contracted");
        assertThat(k.get("data_class").asText()).isEqualTo("confidential");
        Principal p = principal(k.get("secret").asText());
        assertThat(p.keyRules().allowVendors()).containsExactlyInAnyOrder("openai", "mistral");
        assertThat(p.keyRules().allowTrust()).containsExactlyInAnyOrder(Trust.SELF_HOSTED, Trust.CONTRACTED);
        assertThat(p.dataClass()).isEqualTo("confidential");
    }

    @Test
    void getEchoesTheStoredRules() {
        String id = ok("POST", "/admin/keys", "{\"deny_vendors\":[\"xai\"],\"data_class\":\"pii\"}", 201)
                .get("id").asText();
        JsonNode k = ok("GET", "/admin/keys/" + id, null, 200);
        assertThat(strings(k.get("deny_vendors"))).containsExactly("xai");
        assertThat(k.get("data_class").asText()).isEqualTo("pii");
        assertThat(k.get("allow_vendors").isArray()).isTrue();
        assertThat(k.get("allow_vendors")).isEmpty();
    }

    @Test
    void keyWithoutRulesShowsEmptyArraysAndNullDataClass() {
        JsonNode k = ok("POST", "/admin/keys", "{}", 201);
        for (String f : List.of("allow_vendors", "deny_vendors", "allow_jurisdictions", "deny_jurisdictions",
                "allow_trust")) {
            assertThat(k.get(f).isArray()).as(f).isTrue();
            assertThat(k.get(f)).as(f).isEmpty();
        }
        assertThat(k.get("data_class").isNull()).isTrue();
    }

    @Test
    void patchKeepsAbsentRulesAndClearsNullOrEmptyOnes() {
        JsonNode k = ok("POST", "/admin/keys", "{\"allow_vendors\":[\"openai\"],\"deny_vendors\":[\"xai\"],"
                + "\"allow_trust\":[\"public\"],\"data_class\":\"internal\"}", 201);
        JsonNode u = ok("PATCH", "/admin/keys/" + k.get("id").asText(), "{\"allow_vendors\":null,"
                + "\"allow_trust\":[],\"deny_jurisdictions\":[\"US\"]}", 200);
        assertThat(u.get("allow_vendors")).isEmpty();
        assertThat(u.get("allow_trust")).isEmpty();
        assertThat(strings(u.get("deny_vendors"))).containsExactly("xai");
        assertThat(strings(u.get("deny_jurisdictions"))).containsExactly("US");
        assertThat(u.get("data_class").asText()).isEqualTo("internal");
        Principal p = principal(k.get("secret").asText());
        assertThat(p.keyRules().allowVendors()).isEmpty();
        assertThat(p.keyRules().denyJurisdictions()).containsExactly("US");
    }

    @Test
    void patchWithNullDataClassFallsBackToTheTeams() {
        String t = team();
        ok("POST", "/admin/teams", "{\"name\":\"" + t + "\",\"data_class\":\"internal\"}", 201);
        JsonNode k = ok("POST", "/admin/keys", "{\"team\":\"" + t + "\",\"data_class\":\"secret\"}", 201);
        assertThat(principal(k.get("secret").asText()).dataClass()).isEqualTo("secret");
        ok("PATCH", "/admin/keys/" + k.get("id").asText(), "{\"data_class\":null}", 200);
        assertThat(principal(k.get("secret").asText()).dataClass()).isEqualTo("internal");
    }

    @Test
    void teamRulesAreStoredEchoedAndReachItsKeysPrincipals() {
        String t = team();
        JsonNode created = ok("POST", "/admin/teams", "{\"name\":\"" + t + "\",\"deny_vendors\":[\"DeepSeek\"],"
                + "\"allow_jurisdictions\":[\"eu\"],\"allow_trust\":[\"self_hosted\"],\"data_class\":\"internal\"}",
                201);
        assertThat(strings(created.get("deny_vendors"))).containsExactly("deepseek");
        assertThat(strings(created.get("allow_trust"))).containsExactly("self-hosted");
        JsonNode got = ok("GET", "/admin/teams/" + t, null, 200);
        assertThat(strings(got.get("allow_jurisdictions"))).containsExactly("EU");
        assertThat(got.get("data_class").asText()).isEqualTo("internal");
        String secret = ok("POST", "/admin/keys", "{\"team\":\"" + t + "\",\"allow_vendors\":[\"mistral\"]}", 201)
                .get("secret").asText();
        Principal p = principal(secret);
        assertThat(p.keyRules().allowVendors()).containsExactly("mistral");
        assertThat(p.teamRules().denyVendors()).containsExactly("deepseek");
        assertThat(p.teamRules().allowJurisdictions()).containsExactly("EU");
        assertThat(p.dataClass()).isEqualTo("internal");
    }

    @Test
    void teamRuleChangeReachesAnExistingKeysPrincipal() {
        String t = team();
        ok("POST", "/admin/teams", "{\"name\":\"" + t + "\"}", 201);
        String secret = ok("POST", "/admin/keys", "{\"team\":\"" + t + "\"}", 201).get("secret").asText();
        assertThat(principal(secret).teamRules().isEmpty()).isTrue();
        JsonNode u = ok("PATCH", "/admin/teams/" + t, "{\"allow_trust\":[\"self-hosted\"],\"data_class\":\"pii\"}",
                200);
        assertThat(strings(u.get("allow_trust"))).containsExactly("self-hosted");
        Principal p = principal(secret);
        assertThat(p.teamRules().allowTrust()).containsExactly(Trust.SELF_HOSTED);
        assertThat(p.dataClass()).isEqualTo("pii");
    }

    @Test
    void patchDenyingAnAllowedVendorIs400NamingDenyVendors() {
        String id = ok("POST", "/admin/keys", "{\"allow_vendors\":[\"openai\"]}", 201).get("id").asText();
        HttpResponse<String> r = admin("PATCH", "/admin/keys/" + id, "{\"deny_vendors\":[\"openai\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode e = TestGateway.json(r.body()).get("error");
        assertThat(e.get("param").asText()).isEqualTo("deny_vendors");
        assertThat(e.get("message").asText()).contains("openai").contains("both allowed and denied");
        assertThat(strings(ok("GET", "/admin/keys/" + id, null, 200).get("deny_vendors"))).isEmpty();
    }

    @Test
    void unknownTrustLevelIs400ListingTheValidOnes() {
        HttpResponse<String> r = admin("POST", "/admin/keys", "{\"allow_trust\":[\"trusted\"]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(r.body()).get("error").get("message").asText())
                .contains("trusted").contains("self-hosted, contracted, public");
    }

    static Stream<Arguments> badFields() {
        String long65 = "v".repeat(65);
        String long41 = "c".repeat(41);
        List<Arguments> cases = new ArrayList<>();
        for (String[] c : new String[][]{
                {"allow_vendors", "[\"open ai\"]"},
                {"allow_vendors", "5"},
                {"deny_vendors", "[\"" + long65 + "\"]"},
                {"deny_vendors", "[\"ok\", 3]"},
                {"allow_jurisdictions", "[\"Germany\"]"},
                {"deny_jurisdictions", "[\"D1\"]"},
                {"allow_trust", "[\"trusted\"]"},
                {"data_class", "\"top secret\""},
                {"data_class", "\"" + long41 + "\""},
                {"data_class", "7"}}) {
            cases.add(Arguments.of("/admin/keys", c[0], "{\"" + c[0] + "\":" + c[1] + "}"));
            cases.add(Arguments.of("/admin/teams", c[0], "{\"name\":\"t-bad\",\"" + c[0] + "\":" + c[1] + "}"));
        }
        cases.add(Arguments.of("/admin/keys", "deny_vendors",
                "{\"allow_vendors\":[\"openai\"],\"deny_vendors\":[\"OpenAI\"]}"));
        cases.add(Arguments.of("/admin/teams", "deny_vendors",
                "{\"name\":\"t-bad\",\"allow_vendors\":[\"openai\"],\"deny_vendors\":[\"OpenAI\"]}"));
        cases.add(Arguments.of("/admin/keys", "deny_jurisdictions",
                "{\"allow_jurisdictions\":[\"DE\"],\"deny_jurisdictions\":[\"de\"]}"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("badFields")
    void invalidRuleFieldIs400NamingIt(String path, String field, String body) {
        HttpResponse<String> r = admin("POST", path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode e = TestGateway.json(r.body()).get("error");
        assertThat(e.get("param").asText()).isEqualTo(field);
        assertThat(e.get("message").asText()).startsWith(field + ": ");
    }

    @Test
    void openApiDescribesTheRuleFields() {
        JsonNode schemas = ok("GET", "/admin/openapi.json", null, 200).get("components").get("schemas");
        for (String s : List.of("KeyInput", "Key", "TeamInput", "Team")) {
            for (String f : RuleFields.FIELDS) {
                assertThat(schemas.get(s).get("properties").has(f)).as(s + "." + f).isTrue();
            }
        }
    }
}
