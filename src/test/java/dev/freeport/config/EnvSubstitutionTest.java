package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.freeport.config.ConfigTesting.failure;
import static dev.freeport.config.ConfigTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;

class EnvSubstitutionTest {

    @Test
    void substitutesAWholeValue() {
        FreeportConfig c = parse("server: { master_key: \"${MK}\" }\n", Map.of("MK", "fp-1"));

        assertThat(c.server().masterKey()).isEqualTo("fp-1");
    }

    @Test
    void substitutesInsideAValue() {
        FreeportConfig c = parse("providers:\n  v: { preset: vllm, base_url: \"http://${HOST}:8000/v1\" }\n",
                Map.of("HOST", "gpu-box"));

        assertThat(c.providers().get("v").baseUrl()).isEqualTo("http://gpu-box:8000/v1");
    }

    @Test
    void substitutesSeveralVariablesInOneValue() {
        FreeportConfig c = parse("ledger: { data_dir: \"${A}/${B}\" }\n", Map.of("A", "/x", "B", "y"));

        assertThat(c.ledger().dataDir()).hasToString("/x/y");
    }

    @Test
    void substitutedTextIsParsedAsTheFieldsType() {
        FreeportConfig c = parse("server: { port: \"${PORT}\" }\n", Map.of("PORT", "9090"));

        assertThat(c.server().port()).isEqualTo(9090);
    }

    @Test
    void usesTheDefaultWhenTheVariableIsUnset() {
        FreeportConfig c = parse("server: { port: \"${PORT:-4100}\" }\n", Map.of());

        assertThat(c.server().port()).isEqualTo(4100);
    }

    @Test
    void usesTheDefaultWhenTheVariableIsEmpty() {
        FreeportConfig c = parse("server: { host: \"${HOST:-0.0.0.0}\" }\n", Map.of("HOST", ""));

        assertThat(c.server().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void emptyDefaultLeavesAnOptionalKeyUnset() {
        FreeportConfig c = parse("server: { master_key: \"${MK:-}\" }\n", Map.of());

        assertThat(c.server().masterKey()).isNull();
    }

    @Test
    void missingVariableIsAProblemNamingTheVariableAndTheField() {
        ConfigException e = failure("server:\n  port: 1\n  master_key: ${FREEPORT_MASTER_KEY}\n");

        assertThat(e.getMessage()).isEqualTo("freeport.yaml:3:15: server.master_key: environment variable"
                + " FREEPORT_MASTER_KEY is not set (set it, or write ${FREEPORT_MASTER_KEY:-default})");
    }

    @Test
    void emptyVariableWithoutDefaultIsAProblem() {
        ConfigException e = failure("providers:\n  d: { preset: deepseek, api_key: \"${DS}\" }\n", Map.of("DS", ""));

        assertThat(e.problems()).containsExactly(new ConfigProblem("providers.d.api_key", 2, 35,
                "environment variable DS is empty (set it, or write ${DS:-default})"));
    }

    @Test
    void everyMissingVariableInOneValueIsReported() {
        ConfigException e = failure("ledger: { data_dir: \"${A}/${B}\" }\n");

        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
                "environment variable A is not set (set it, or write ${A:-default})",
                "environment variable B is not set (set it, or write ${B:-default})");
    }

    @Test
    void doubleDollarWritesALiteralReference() {
        FreeportConfig c = parse("providers:\n  v: { preset: vllm, headers: { X-T: \"$${NOT_A_VAR}\" } }\n");

        assertThat(c.providers().get("v").headers()).containsEntry("X-T", "${NOT_A_VAR}");
    }

    @Test
    void aLoneDollarIsKept() {
        FreeportConfig c = parse("providers:\n  v: { preset: vllm, api_key: \"pa$$word$\" }\n");

        assertThat(c.providers().get("v").apiKey()).isEqualTo("pa$$word$");
    }

    @Test
    void unterminatedReferenceIsAProblem() {
        ConfigException e = failure("server: { host: \"${HOST\" }\n");

        assertThat(e.problems()).extracting(ConfigProblem::message).singleElement().asString()
                .startsWith("unterminated \"${\"");
    }

    @Test
    void secretTextAroundAReferenceIsNeverEchoed() {
        ConfigException e = failure("""
                providers:
                  d: { preset: deepseek, api_key: "sk-live-123${SUFFIX}" }
                  q: { preset: qwen, api_key: "${sk-live-456}" }
                """);

        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).doesNotContain("sk-live");
    }

    @Test
    void keysAreNotSubstituted() {
        ConfigException e = failure("server:\n  ${X}: 1\n", Map.of("X", "port"));

        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("server[\"${X}\"]");
    }

    @Test
    void aTypoedVariableGetsTheSetVariableItsNameIsClosestTo() {
        ConfigException e = failure("server: { master_key: \"${FREEPORT_MASTR_KEY}\" }\n",
                Map.of("FREEPORT_MASTER_KEY", "fp-1", "HOME", "/root"));

        assertThat(e.problems().get(0).message()).isEqualTo("environment variable FREEPORT_MASTR_KEY is not set"
                + " (set it, or write ${FREEPORT_MASTR_KEY:-default}); did you mean FREEPORT_MASTER_KEY?");
    }
}
