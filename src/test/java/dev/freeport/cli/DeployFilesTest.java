package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.LimitsConfig;
import dev.freeport.config.StoreConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the Dockerfile and deploy/compose.yaml without a container engine: the gateway config they
 * run passes {@code freeport config check}, and the ports, paths, versions and environment variable names in the
 * Dockerfile, the compose file, the gateway config, the launcher and the pom agree with each other.
 */
class DeployFilesTest {
    private static final Path CONFIG = Path.of("deploy/freeport.yaml");
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** One Dockerfile instruction (continuation lines joined) in its build stage (0 = first FROM). */
    record Instruction(int stage, String keyword, String args) {
    }

    List<Instruction> dockerfile;
    JsonNode compose;
    JsonNode gateway;

    @BeforeEach
    void read() throws Exception {
        dockerfile = new ArrayList<>();
        int stage = -1;
        StringBuilder line = new StringBuilder();
        for (String raw : Files.readAllLines(Path.of("Dockerfile"))) {
            if (raw.strip().startsWith("#") && line.isEmpty()) {
                continue;
            }
            line.append(raw.strip());
            if (raw.endsWith("\\")) {
                line.setLength(line.length() - 1);
                line.append(' ');
                continue;
            }
            String l = line.toString().strip();
            line.setLength(0);
            if (l.isEmpty()) {
                continue;
            }
            String[] kw = l.split("\\s+", 2);
            if (kw[0].equalsIgnoreCase("FROM")) {
                stage++;
            }
            dockerfile.add(new Instruction(stage, kw[0].toUpperCase(), kw.length > 1 ? kw[1] : ""));
        }
        compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/compose.yaml").toFile());
        gateway = compose.path("services").path("gateway");
    }

    private List<String> args(String keyword, int stage) {
        return dockerfile.stream().filter(i -> i.keyword().equals(keyword) && i.stage() == stage)
                .map(Instruction::args).toList();
    }

    private int lastStage() {
        return dockerfile.getLast().stage();
    }

    /** The gateway service's environment as compose passes it, with placeholder values for ${VAR} references. */
    private Map<String, String> gatewayEnv() {
        Map<String, String> env = new HashMap<>();
        gateway.path("environment").properties().forEach(e -> env.put(e.getKey(),
                e.getValue().asText().startsWith("${") ? "test-" + e.getKey() : e.getValue().asText()));
        return env;
    }

    private FreeportConfig gatewayConfig() {
        return ConfigLoader.load(CONFIG, gatewayEnv());
    }

    private static List<String> jsonArray(String exec) throws Exception {
        List<String> out = new ArrayList<>();
        new ObjectMapper().readTree(exec).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theGatewayConfigPassesConfigCheckWithTheEnvironmentComposeGivesIt() {
        CliRun r = CliRun.in(Path.of("").toAbsolutePath(), gatewayEnv(), "config", "check", CONFIG.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(gatewayConfig().store().kind()).isEqualTo(StoreConfig.Kind.POSTGRES);
        assertThat(gatewayConfig().limits().backend()).isEqualTo(LimitsConfig.Backend.REDIS);
    }

    @Test
    void everyVariableTheGatewayConfigNeedsIsInTheGatewaysEnvironment() throws Exception {
        Matcher m = VAR.matcher(Files.readString(CONFIG));
        List<String> needed = new ArrayList<>();
        while (m.find()) {
            needed.add(m.group(1));
        }

        assertThat(needed).isNotEmpty();
        assertThat(gatewayEnv().keySet()).containsAll(needed);
    }

    @Test
    void theStoreAndRedisOfTheConfigAreTheComposeServices() {
        FreeportConfig cfg = gatewayConfig();
        JsonNode pg = compose.path("services").path("postgres");
        URI db = URI.create(cfg.store().url().substring("jdbc:".length()));
        URI redis = URI.create(cfg.limits().redisUrl());

        assertThat(compose.path("services").has(db.getHost())).as(db.getHost()).isTrue();
        assertThat(db.getPort()).isEqualTo(5432);
        assertThat(db.getPath()).isEqualTo("/" + pg.path("environment").path("POSTGRES_DB").asText());
        assertThat(cfg.store().user()).isEqualTo(pg.path("environment").path("POSTGRES_USER").asText());
        assertThat(pg.path("environment").path("POSTGRES_PASSWORD").asText())
                .isEqualTo(gateway.path("environment").path("FREEPORT_DB_PASSWORD").asText());
        assertThat(redis.getHost()).isEqualTo("redis");
        assertThat(compose.path("services").has("redis")).isTrue();
        assertThat(redis.getPort()).isEqualTo(6379);
    }

    @Test
    void theGatewayPortIsTheSameInTheConfigComposeAndTheDockerfile() {
        String port = String.valueOf(gatewayConfig().server().port());

        assertThat(gateway.path("ports").get(0).asText()).endsWith(":" + port);
        assertThat(gateway.path("healthcheck").path("test").toString()).contains("/dev/tcp/127.0.0.1/" + port);
        assertThat(args("EXPOSE", lastStage())).containsExactly(port);
        assertThat(String.join(" ", args("ENV", lastStage()))).contains("FREEPORT_PORT=" + port);
        assertThat(gatewayConfig().server().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void theConfigAndDataPathsAreTheOnesTheImageAndComposeUse() throws Exception {
        List<String> cmd = jsonArray(args("CMD", lastStage()).getFirst());
        List<String> command = new ArrayList<>();
        gateway.path("command").forEach(n -> command.add(n.asText()));
        String configPath = command.get(command.indexOf("--config") + 1);
        List<String> mounts = new ArrayList<>();
        gateway.path("volumes").forEach(v -> mounts.add(v.asText()));
        String dataVolume = args("VOLUME", lastStage()).getFirst();

        assertThat(cmd.get(cmd.indexOf("--config") + 1)).isEqualTo(configPath);
        assertThat(mounts).contains("./freeport.yaml:" + configPath + ":ro");
        assertThat(mounts).anyMatch(m -> m.endsWith(":" + dataVolume));
        assertThat(gatewayConfig().ledger().dataDir()).startsWithRaw(Path.of(dataVolume));
        assertThat(String.join(" ", args("RUN", lastStage()))).contains("chown freeport:freeport " + dataVolume);
        assertThat(String.join(" ", args("ENV", lastStage()))).contains("FREEPORT_HOME=" + dataVolume);
    }

    @Test
    void theImageRunsTheJarThroughTheLauncherSoItHasTheLaunchersJvmFlags() throws Exception {
        String launcher = Files.readString(Path.of("freeport"));
        Matcher jar = Pattern.compile("jar=\"\\$here/([^\"]+)\"").matcher(launcher);
        assertThat(jar.find()).isTrue();
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(finalName.find()).isTrue();
        List<String> entrypoint = jsonArray(args("ENTRYPOINT", lastStage()).getFirst());
        String launcherInImage = entrypoint.getFirst();
        String appDir = launcherInImage.substring(0, launcherInImage.lastIndexOf('/'));

        assertThat(jar.group(1)).isEqualTo("target/" + finalName.group(1) + ".jar");
        assertThat(args("COPY", lastStage())).contains("freeport " + launcherInImage,
                "--from=build /src/" + jar.group(1) + " " + appDir + "/" + jar.group(1));
        assertThat(launcher).contains("java=\"$(pick_java)\"", "exec \"$java\" -XX:");
    }

    @Test
    void theImageIsBuiltWithTheWrapperOnAJdkAndRunsOnAJreAsANonRootUser() throws Exception {
        String buildFrom = args("FROM", 0).getFirst();
        String runFrom = args("FROM", lastStage()).getFirst();
        int release = Integer.parseInt(Files.readString(Path.of("pom.xml"))
                .replaceAll("(?s).*<maven.compiler.release>(\\d+)</maven.compiler.release>.*", "$1"));
        boolean needs23 = Files.readString(Path.of(".mvn/jvm.config")).contains("--sun-misc-unsafe-memory-access");

        assertThat(buildFrom).matches("eclipse-temurin:\\d+-jdk AS build");
        assertThat(runFrom).matches("eclipse-temurin:\\d+-jre");
        assertThat(major(buildFrom)).isGreaterThanOrEqualTo(needs23 ? Math.max(23, release) : release);
        assertThat(major(runFrom)).isGreaterThanOrEqualTo(release);
        assertThat(String.join(" ", args("RUN", 0))).contains("./mvnw ");
        assertThat(args("USER", lastStage())).singleElement().isNotIn("root", "0");
        assertThat(String.join(" ", args("HEALTHCHECK", lastStage()))).contains("GET /health", "${FREEPORT_PORT}");
    }

    private static int major(String from) {
        Matcher m = Pattern.compile(":(\\d+)-").matcher(from);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void everyServiceHasAHealthcheckAndTheGatewayWaitsForItsStores() {
        compose.path("services").properties().forEach(s ->
                assertThat(s.getValue().path("healthcheck").path("test").isArray()).as(s.getKey()).isTrue());
        for (String store : List.of("postgres", "redis")) {
            assertThat(gateway.path("depends_on").path(store).path("condition").asText()).isEqualTo("service_healthy");
        }
        assertThat(gateway.path("build").path("dockerfile").asText()).isEqualTo("Dockerfile");
        assertThat(Path.of("deploy").resolve(gateway.path("build").path("context").asText()).resolve("Dockerfile"))
                .exists();
    }
}
