package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.freeport.config.ConfigTesting.SANDBOX;
import static dev.freeport.config.ConfigTesting.failure;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** One test per validation rule: the message, the field path and the line/column. */
class ConfigValidationTest {

    @Test
    void rendersProblemsAsFileLineColumnPathMessage() {
        ConfigException e = failure("""
                providers:
                  deepseek: { type: openai, preset: deepseek }
                  local: { type: openai, preset: vllm, base_url: "http://x:1/v1" }
                models:
                  - name: a
                    targets: [ deepseek/deepseek-chat ]
                  - name: b
                    targets:
                      - { provider: deepsek, model: deepseek-chat }
                """);

        assertThat(e.getMessage()).isEqualTo("freeport.yaml:9:21: models[1].targets[0].provider: unknown provider"
                + " \"deepsek\" (known: deepseek, local); did you mean \"deepseek\"?");
    }

    @Test
    void collectsAllProblemsInOnePassInFileOrder() {
        ConfigException e = failure("""
                server:
                  port: 70000
                  hots: 0.0.0.0
                router:
                  max_attempts: 0
                """);

        assertThat(e.problems()).extracting(ConfigProblem::path, ConfigProblem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("server.port", 2),
                        org.assertj.core.groups.Tuple.tuple("server.hots", 3),
                        org.assertj.core.groups.Tuple.tuple("router.max_attempts", 5));
        assertThat(e.getMessage().lines()).hasSize(3);
    }

    @Test
    void unknownKeySuggestsTheClosestKnownKey() {
        ConfigProblem p = problem(SANDBOX + """
                models:
                  - name: a
                    stratgy: weighted
                    targets: [ sandbox/sim ]
                """);

        assertThat(p).isEqualTo(new ConfigProblem("models[0].stratgy", 8, 5,
                "unknown key \"stratgy\"; did you mean \"strategy\"?"));
    }

    @Test
    void unknownKeyWithNothingCloseListsTheKnownKeys() {
        ConfigProblem p = problem("ledger:\n  colour: blue\n");

        assertThat(p).isEqualTo(new ConfigProblem("ledger.colour", 2, 3,
                "unknown key \"colour\" (expected one of: data_dir, batch_size, flush_interval, retention, max_size)"));
    }

    @Test
    void unknownTopLevelKey() {
        ConfigProblem p = problem("model_list: []\n");

        assertThat(p.path()).isEqualTo("model_list");
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.message()).startsWith("unknown key \"model_list\"");
    }

    @Test
    void providerTypeMustBeKnown() {
        ConfigProblem p = problem("providers:\n  x: { type: opnai, base_url: http://h/v1 }\n");

        assertThat(p).isEqualTo(new ConfigProblem("providers.x.type", 2, 14,
                "unknown type \"opnai\" (known: openai, anthropic, gemini, azure, bedrock, vertex, sandbox); did you mean \"openai\"?"));
    }

    @Test
    void providerTypeIsRequiredWhenItCannotBeInferred() {
        ConfigProblem p = problem("providers:\n  x:\n    api_key: abc\n");

        assertThat(p).isEqualTo(new ConfigProblem("providers.x.type", 3, 5,
                "is required (one of: openai, anthropic, gemini, azure, bedrock, vertex, sandbox)"));
    }

    @Test
    void presetMustBeKnown() {
        ConfigProblem p = problem("providers:\n  ds:\n    type: openai\n    preset: deepsek\n");

        assertThat(p.path()).isEqualTo("providers.ds.preset");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.message()).isEqualTo("unknown preset \"deepsek\" (known: "
                + String.join(", ", ConfigLoader.OPENAI_PRESETS) + "); did you mean \"deepseek\"?");
    }

    @Test
    void openaiTypeWithoutPresetNeedsBaseUrl() {
        ConfigProblem p = problem("providers:\n  x:\n    type: openai\n    api_key: k\n");

        assertThat(p.path()).isEqualTo("providers.x");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).startsWith("a provider of type openai without a preset needs base_url");
    }

    @Test
    void baseUrlMustBeHttp() {
        ConfigProblem p = problem("providers:\n  x: { type: openai, base_url: \"ftp://h/v1\" }\n");

        assertThat(p).isEqualTo(new ConfigProblem("providers.x.base_url", 2, 32,
                "must be an http(s) URL, e.g. http://gpu-box:8000/v1, got \"ftp://h/v1\""));
    }

    @Test
    void baseUrlNeedsAHost() {
        ConfigProblem p = problem("providers:\n  x: { type: openai, base_url: \"http:///v1\" }\n");

        assertThat(p.message()).startsWith("has no host name");
    }

    @Test
    void presetDoesNotApplyToAnthropic() {
        ConfigProblem p = problem("providers:\n  c:\n    type: anthropic\n    preset: openai\n");

        assertThat(p).isEqualTo(new ConfigProblem("providers.c.preset", 4, 13,
                "\"preset\" does not apply to type anthropic (presets are for type openai)"));
    }

    @Test
    void sandboxProviderNeedsAModel() {
        ConfigProblem p = problem("providers:\n  s:\n    type: sandbox\n");

        assertThat(p.path()).isEqualTo("providers.s.models");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).startsWith("a sandbox provider needs at least one model");
    }

    @Test
    void sandboxProviderRejectsHttpSettings() {
        ConfigProblem p = problem(SANDBOX.replace("type: sandbox", "type: sandbox\n    api_key: sk-123"));

        assertThat(p).isEqualTo(new ConfigProblem("providers.sandbox.api_key", 4, 14,
                "\"api_key\" does not apply to a sandbox provider (it runs in-process)"));
    }

    @Test
    void sandboxRatesMustBeWithinZeroAndOne() {
        ConfigProblem p = problem("providers:\n  s:\n    type: sandbox\n    models:\n      m: { error_rate: 1.5 }\n");

        assertThat(p).isEqualTo(new ConfigProblem("providers.s.models.m.error_rate", 5, 24,
                "must be between 0 and 1, got 1.5"));
    }

    @Test
    void sandboxTokensPerSecondMustNotBeNegative() {
        ConfigProblem p = problem("providers:\n  s:\n    type: sandbox\n    models:\n      m: { tokens_per_second: -1 }\n");

        assertThat(p.message()).isEqualTo("must be between 0 and 1000000, got -1");
    }

    @Test
    void modelsUnderANonSandboxProviderAreRejected() {
        ConfigProblem p = problem("providers:\n  d:\n    preset: deepseek\n    models: { a: {} }\n");

        assertThat(p.path()).isEqualTo("providers.d.models");
        assertThat(p.message()).startsWith("\"models\" under a provider is only for type sandbox");
    }

    @Test
    void providerNameMustBeUsableInProviderSlashModel() {
        ConfigProblem p = problem("providers:\n  \"my/box\": { type: openai, preset: vllm }\n");

        assertThat(p.path()).isEqualTo("providers[\"my/box\"]");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).startsWith("provider name \"my/box\" may only have");
    }

    @Test
    void headerValuesMustBeOneLine() {
        ConfigProblem p = problem("providers:\n  v:\n    preset: vllm\n    headers:\n      X-A: \"a\\nb\"\n");

        assertThat(p).isEqualTo(new ConfigProblem("providers.v.headers.X-A", 5, 12,
                "a header value must be on one line"));
    }

    @Test
    void maxAttemptsMustBeOneToTwenty() {
        ConfigProblem p = problem("router:\n  max_attempts: 21\n");

        assertThat(p).isEqualTo(new ConfigProblem("router.max_attempts", 2, 17,
                "must be between 1 and 20, got 21"));
    }

    @Test
    void portMustBeWithinRange() {
        ConfigProblem p = problem("server:\n  port: -1\n");

        assertThat(p).isEqualTo(new ConfigProblem("server.port", 2, 9, "must be between 0 and 65535, got -1"));
    }

    @Test
    void portZeroMeansARandomPort() {
        assertThat(ConfigTesting.parse("server: { port: 0 }\n").server().port()).isZero();
    }

    @Test
    void wholeNumberFieldRejectsText() {
        ConfigProblem p = problem("ledger:\n  batch_size: lots\n");

        assertThat(p).isEqualTo(new ConfigProblem("ledger.batch_size", 2, 15,
                "must be a whole number, got \"lots\""));
    }

    @Test
    void timeoutMayNotBeInfinite() {
        ConfigProblem p = problem("router:\n  timeouts:\n    total: infinite\n");

        assertThat(p).isEqualTo(new ConfigProblem("router.timeouts.total", 3, 12,
                "\"infinite\" is not allowed: durations must be finite (e.g. 30s or 10m)"));
    }

    @Test
    void timeoutMayNotBeZero() {
        ConfigProblem p = problem("providers:\n  v: { preset: vllm, timeouts: { idle: 0s } }\n");

        assertThat(p).isEqualTo(new ConfigProblem("providers.v.timeouts.idle", 2, 40,
                "\"0s\" is zero: this duration must be greater than zero"));
    }

    @Test
    void backoffMaxMustNotBeBelowInitial() {
        ConfigProblem p = problem("router:\n  backoff: { initial: 2s, max: 1s }\n");

        assertThat(p).isEqualTo(new ConfigProblem("router.backoff.max", 2, 32,
                "backoff max (1s) is shorter than initial (2s)"));
    }

    @Test
    void priceNeedsTokenPricesOrPerHour() {
        ConfigProblem p = problem("prices:\n  \"x/y\": {}\n");

        assertThat(p.path()).isEqualTo("prices[\"x/y\"]");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).isEqualTo("a price needs input/output (USD per 1M tokens) or per_hour");
    }

    @Test
    void perHourCannotBeCombinedWithTokenPrices() {
        ConfigProblem p = problem("prices:\n  m: { input: 1, per_hour: 2 }\n");

        assertThat(p.path()).isEqualTo("prices.m.per_hour");
        assertThat(p.message()).startsWith("per_hour prices a self-hosted target by the hour");
    }

    @Test
    void negativePriceIsRejected() {
        ConfigProblem p = problem("prices:\n  m: { input: -0.5 }\n");

        assertThat(p).isEqualTo(new ConfigProblem("prices.m.input", 2, 15,
                "\"-0.5\" is negative: prices must be zero or more"));
    }

    @Test
    void maxBodyMustBeASize() {
        ConfigProblem p = problem("server:\n  max_body: 16 megs\n");

        assertThat(p).isEqualTo(new ConfigProblem("server.max_body", 2, 13,
                "\"16 megs\" is not a size (write bytes, or e.g. 512KB, 16MiB)"));
    }

    @Test
    void sectionMustBeAMapping() {
        ConfigProblem p = problem("router: [1, 2]\n");

        assertThat(p).isEqualTo(new ConfigProblem("router", 1, 9,
                "must be a mapping (key: value), not a list"));
    }

    @Test
    void duplicateYamlKeyIsReported() {
        ConfigException e = failure("server:\n  port: 1\n  port: 2\n");

        assertThat(e.problems()).containsExactly(new ConfigProblem("server.port", 3, 3,
                "duplicate key \"port\" (first at line 2)"));
    }

    @Test
    void yamlSyntaxErrorHasALocation() {
        ConfigException e = failure("server:\n  port: [1, 2\n");

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).line()).isGreaterThan(1);
        assertThat(e.problems().get(0).message()).startsWith("invalid YAML: ");
    }

    @Test
    void secretValuesAreNeverEchoed() {
        ConfigException e = failure("server:\n  master_key: [sk-live-123]\nproviders:\n  c:\n    type: anthropic\n"
                + "    headers: { Authorization: \"Bearer sk-live-456\\n\" }\n", Map.of());

        assertThat(e.getMessage()).doesNotContain("sk-live");
        assertThat(e.problems()).hasSize(2);
    }

    @Test
    void aProviderThatIsNotAMappingIsOneProblem() {
        ConfigProblem p = problem("providers:\n  deepseek: openai\n");

        assertThat(p.path()).isEqualTo("providers.deepseek");
        assertThat(p.message()).isEqualTo("must be a mapping (key: value), not a single value");
    }

    @Test
    void yamlAliasesAreReportedAsUnsupported() {
        ConfigException e = failure("""
                providers:
                  a: &p { preset: vllm }
                  b: *p
                """);

        assertThat(e.problems()).containsExactly(new ConfigProblem("providers.b", 3, 6,
                "YAML aliases (*p) are not supported: write the value out"));
    }

    @Test
    void anUnquotedEnvReferenceInsideBracesGetsAQuotingHint() {
        ConfigProblem p = problem("providers:\n  ds: { type: openai, preset: deepseek, api_key: ${DS_KEY} }\n");

        assertThat(p.message()).isEqualTo("invalid YAML: quote a ${...} value inside { } or [ ] (write"
                + " \"${DS_KEY}\"), or use block style (one key per line)");
        assertThat(p.line()).isEqualTo(2);
    }

    @Test
    void anUnquotedEnvReferenceInsideBracketsGetsTheSameHint() {
        ConfigProblem p = problem("alerts:\n  thresholds: [ 50, ${HIGH} ]\n");

        assertThat(p.message()).startsWith("invalid YAML: quote a ${...} value inside { } or [ ]");
    }
}
