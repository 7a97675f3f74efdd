package dev.freeport.config;

import dev.freeport.api.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.freeport.config.ConfigTesting.BASE;
import static dev.freeport.config.ConfigTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {

    private static final String FULL = """
            server:
              host: 0.0.0.0
              port: 8080
              master_key: ${MASTER}
              admin_key: admin-${MASTER}
              max_body: 2MiB
            providers:
              deepseek: { type: openai, preset: deepseek, api_key: "${DEEPSEEK_API_KEY}" }
              claude:   { type: anthropic, api_key: "${ANTHROPIC_API_KEY}" }
              local:
                type: openai
                preset: vllm
                base_url: http://gpu-box:8000/v1/
                headers: { X-Team: a }
                timeouts: { first_byte: 120s }
              sandbox:
                type: sandbox
                models:
                  fast-sim: { ttft: 50ms, tokens_per_second: 200, error_rate: 0.01 }
            models:
              - name: smart
                description: best first
                targets:
                  - { provider: claude, model: claude-sonnet-4-5 }
                  - { provider: deepseek, model: deepseek-chat, weight: 3, price: { input: 0.28, output: 0.42, cached_input: 0.028 } }
              - name: fast
                strategy: weighted
                targets: [ sandbox/fast-sim ]
            router:
              max_attempts: 3
              backoff: { initial: 50ms, max: 1s }
              retry_after_cap: 5s
              circuit_breaker: { failures: 7, open_for: 1m }
              timeouts: { connect: 5s, first_byte: 30s, idle: 20s, total: 5m }
            ledger:
              data_dir: data
              batch_size: 100
              flush_interval: 1s
            prices:
              "local/llama-3.3-70b": { per_hour: 2.50 }
              deepseek-chat: { input: "0.27", output: 1.1 }
            """;

    @Test
    void readsAWholeFileIntoTheExpectedRecords() {
        FreeportConfig c = parse(FULL, Map.of("MASTER", "m-secret", "DEEPSEEK_API_KEY", "sk-ds",
                "ANTHROPIC_API_KEY", "sk-ant"));

        Timeouts router = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofMinutes(5));
        assertThat(c.server()).isEqualTo(new ServerConfig("0.0.0.0", 8080, "m-secret", "admin-m-secret",
                2L * 1024 * 1024));
        assertThat(c.router()).isEqualTo(new RouterConfig(3, Duration.ofMillis(50), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 7, Duration.ofMinutes(1), router));
        assertThat(c.providers().keySet()).containsExactly("deepseek", "claude", "local", "sandbox");
        assertThat(c.providers().get("deepseek")).isEqualTo(new ProviderConfig("deepseek", "openai", "deepseek",
                null, "sk-ds", Map.of(), router, Map.of()));
        assertThat(c.providers().get("claude")).isEqualTo(new ProviderConfig("claude", "anthropic", null, null,
                "sk-ant", Map.of(), router, Map.of()));
        assertThat(c.providers().get("local")).isEqualTo(new ProviderConfig("local", "openai", "vllm",
                "http://gpu-box:8000/v1", null, Map.of("X-Team", "a"),
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(20),
                        Duration.ofMinutes(5)), Map.of()));
        assertThat(c.providers().get("sandbox")).isEqualTo(new ProviderConfig("sandbox", "sandbox", null, null,
                null, Map.of(), router, Map.of("fast-sim", new SandboxModelConfig(50, 200, 256, 0.01, 0, 0, 256,
                0))));
        assertThat(c.models()).containsExactly(
                new ModelConfig("smart", ModelConfig.Strategy.ORDERED, List.of(
                        new TargetConfig("claude", "claude-sonnet-4-5", 1, null),
                        new TargetConfig("deepseek", "deepseek-chat", 3, new PriceConfig(new BigDecimal("0.28"),
                                new BigDecimal("0.42"), new BigDecimal("0.028"), null, null))), "best first"),
                new ModelConfig("fast", ModelConfig.Strategy.WEIGHTED, List.of(
                        new TargetConfig("sandbox", "fast-sim", 1, null)), null));
        assertThat(c.ledger()).isEqualTo(new LedgerConfig(BASE.resolve("data"), 100, Duration.ofSeconds(1),
                LedgerConfig.DEFAULT_RETENTION, 0));
        assertThat(c.prices()).containsExactly(
                Map.entry("local/llama-3.3-70b", new PriceConfig(null, null, null, null, new BigDecimal("2.50"))),
                Map.entry("deepseek-chat", new PriceConfig(new BigDecimal("0.27"), new BigDecimal("1.1"), null,
                        null, null)));
    }

    @Test
    void emptyFileGivesDefaults() {
        FreeportConfig c = parse("");

        assertThat(c.server()).isEqualTo(new ServerConfig("127.0.0.1", 4000, null, null,
                ServerConfig.DEFAULT_MAX_BODY));
        assertThat(c.router()).isEqualTo(RouterConfig.DEFAULTS);
        assertThat(c.ledger()).isEqualTo(new LedgerConfig(BASE.resolve("freeport-data"), 1000,
                Duration.ofMillis(200), LedgerConfig.DEFAULT_RETENTION, 0));
        assertThat(c.providers()).isEmpty();
        assertThat(c.models()).isEmpty();
        assertThat(c.prices()).isEmpty();
    }

    @Test
    void providerTimeoutsMergeOverRouterTimeoutsFieldByField() {
        FreeportConfig c = parse("""
                router: { timeouts: { connect: 3s, total: 2m } }
                providers:
                  local: { type: openai, preset: ollama, timeouts: { first_byte: 90s } }
                """);

        assertThat(c.providers().get("local").timeouts()).isEqualTo(new Timeouts(Duration.ofSeconds(3),
                Duration.ofSeconds(90), Timeouts.DEFAULTS.idle(), Duration.ofMinutes(2)));
    }

    @Test
    void keepsProvidersAndModelsInFileOrder() {
        FreeportConfig c = parse("""
                providers:
                  zeta: { type: openai, preset: groq }
                  alpha: { type: openai, preset: groq }
                  mid: { type: openai, preset: groq }
                models:
                  - { name: z, targets: [ zeta/m ] }
                  - { name: a, targets: [ alpha/m ] }
                """);

        assertThat(c.providers().keySet()).containsExactly("zeta", "alpha", "mid");
        assertThat(c.models()).extracting(ModelConfig::name).containsExactly("z", "a");
    }

    @Test
    void emptyModelsListIsAllowed() {
        FreeportConfig c = parse(ConfigTesting.SANDBOX + "models: []\n");

        assertThat(c.models()).isEmpty();
    }

    @Test
    void loadResolvesDataDirAgainstTheFilesFolder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("conf/freeport.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "ledger: { data_dir: ../state }\n");

        FreeportConfig c = ConfigLoader.load(file);

        assertThat(c.ledger().dataDir()).isEqualTo(dir.toAbsolutePath().resolve("state"));
    }

    @Test
    void loadOfAMissingFileIsOneProblem(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(e.getMessage()).isEqualTo(file + ": file not found");
    }

    @Test
    void demoConfigIsValidAndHasTheAliases(@TempDir Path dir) {
        FreeportConfig c = ConfigLoader.demo(4321, dir);

        assertThat(c.server()).isEqualTo(new ServerConfig("127.0.0.1", 4321, null, null,
                ServerConfig.DEFAULT_MAX_BODY));
        assertThat(c.ledger().dataDir()).isEqualTo(dir.toAbsolutePath());
        assertThat(c.providers().get("frontierlab").sandboxModels().keySet()).containsExactly("frontier-sim");
        assertThat(c.providers().get("opencloud").sandboxModels().keySet()).containsExactly("open-large-sim");
        assertThat(c.providers().get("sandbox").sandboxModels().keySet()).containsExactly("open-small-sim", "embed-sim");
        assertThat(c.providers().get("sandbox").sandboxModels().get("open-small-sim").errorRate()).isEqualTo(0.02);
        assertThat(c.model("smart").targets()).extracting(TargetConfig::model)
                .containsExactly("frontier-sim", "open-large-sim");
        assertThat(c.model("cheap").targets()).extracting(TargetConfig::model)
                .containsExactly("open-small-sim", "open-large-sim");
        assertThat(c.model("balanced").strategy()).isEqualTo(ModelConfig.Strategy.WEIGHTED);
        assertThat(c.model("balanced").targets()).extracting(TargetConfig::weight).containsExactly(3, 1);
        assertThat(c.model("embed").targets()).extracting(TargetConfig::model).containsExactly("embed-sim");
        assertThat(c.prices().get("frontierlab/frontier-sim")).isEqualTo(new PriceConfig(new BigDecimal("2.00"),
                new BigDecimal("8.00"), new BigDecimal("0.50"), null, null));
        assertThat(c.prices().get("opencloud/open-large-sim").cachedInputPerMTok()).isEqualTo(new BigDecimal("0.028"));
    }

    @Test
    void exampleFileIsValidWithItsVariablesSet() {
        Path example = Path.of("examples/freeport.yaml");
        Map<String, String> env = Map.of("FREEPORT_MASTER_KEY", "fp-master", "DEEPSEEK_API_KEY", "k1",
                "DASHSCOPE_API_KEY", "k2", "MOONSHOT_API_KEY", "k3", "ANTHROPIC_API_KEY", "k4",
                "OPENAI_API_KEY", "k5");

        FreeportConfig c = ConfigLoader.parse(readString(example), example.toString(), env, BASE);

        assertThat(c.providers().keySet()).containsExactly("deepseek", "qwen", "moonshot", "claude", "openai",
                "local", "ollama");
        assertThat(c.providers().get("local").baseUrl()).isEqualTo("http://gpu-box:8000/v1");
        assertThat(c.providers().get("qwen").apiKey()).isEqualTo("k2");
        assertThat(c.models()).extracting(ModelConfig::name)
                .containsExactly("smart", "cheap", "balanced", "private", "auto", "thrifty", "embed");
        assertThat(c.routing().dataClasses().keySet()).containsExactlyInAnyOrder("confidential", "personal");
        assertThat(c.server().masterKey()).isEqualTo("fp-master");
    }

    @Test
    void exampleFileNamesEveryMissingVariable() {
        Path example = Path.of("examples/freeport.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(readString(example), "freeport.yaml", Map.of(), BASE));

        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("server.master_key",
                "providers.deepseek.api_key", "providers.qwen.api_key", "providers.moonshot.api_key",
                "providers.claude.api_key", "providers.openai.api_key");
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
