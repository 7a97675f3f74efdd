package dev.freeport.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Helpers: parse YAML text and get the problems it has. */
final class ConfigTesting {

    static final Path BASE = Path.of("/srv/freeport");

    private ConfigTesting() {
    }

    static FreeportConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    static FreeportConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, "freeport.yaml", env, BASE);
    }

    static ConfigException failure(String yaml) {
        return failure(yaml, Map.of());
    }

    static ConfigException failure(String yaml, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml, env));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e;
    }

    /** The one problem the YAML has. */
    static ConfigProblem problem(String yaml) {
        List<ConfigProblem> problems = failure(yaml).problems();
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    /** A valid head to which tests append one section. */
    static final String SANDBOX = """
            providers:
              sandbox:
                type: sandbox
                models:
                  sim: { ttft: 10ms }
            """;
}
