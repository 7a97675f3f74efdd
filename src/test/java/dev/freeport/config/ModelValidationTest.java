package dev.freeport.config;

import org.junit.jupiter.api.Test;

import static dev.freeport.config.ConfigTesting.SANDBOX;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** Validation rules of the models: list (aliases and their targets): message, path and line/column. */
class ModelValidationTest {

    @Test
    void modelNamesMustBeUnique() {
        ConfigProblem p = problem(SANDBOX + """
                models:
                  - { name: a, targets: [ sandbox/sim ] }
                  - { name: a, targets: [ sandbox/sim ] }
                """);

        assertThat(p).isEqualTo(new ConfigProblem("models[1].name", 8, 13,
                "duplicate model name \"a\" (first at line 7)"));
    }

    @Test
    void modelNeedsAName() {
        ConfigProblem p = problem(SANDBOX + "models:\n  - targets: [ sandbox/sim ]\n");

        assertThat(p).isEqualTo(new ConfigProblem("models[0].name", 7, 5,
                "is required (the model name callers send)"));
    }

    @Test
    void modelNeedsATarget() {
        ConfigProblem p = problem(SANDBOX + "models:\n  - name: a\n    targets: []\n");

        assertThat(p.path()).isEqualTo("models[0].targets");
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.message()).startsWith("needs at least one target");
    }

    @Test
    void targetProviderMustExist() {
        ConfigProblem p = problem(SANDBOX + "models:\n  - name: a\n    targets: [ sandbx/sim ]\n");

        assertThat(p).isEqualTo(new ConfigProblem("models[0].targets[0]", 8, 16,
                "unknown provider \"sandbx\" (known: sandbox); did you mean \"sandbox\"?"));
    }

    @Test
    void targetProviderWithNoProvidersConfigured() {
        ConfigProblem p = problem("models:\n  - { name: a, targets: [ { provider: x, model: y } ] }\n");

        assertThat(p.message()).isEqualTo("unknown provider \"x\" (no providers are configured)");
    }

    @Test
    void sandboxTargetModelMustBeOneOfItsModels() {
        ConfigProblem p = problem(SANDBOX + "models:\n  - name: a\n    targets:\n      - { provider: sandbox, model: sin }\n");

        assertThat(p).isEqualTo(new ConfigProblem("models[0].targets[0].model", 9, 37,
                "sandbox provider \"sandbox\" has no model \"sin\" (known: sim); did you mean \"sim\"?"));
    }

    @Test
    void targetWeightMustBeAtLeastOne() {
        ConfigProblem p = problem(SANDBOX + """
                models:
                  - name: a
                    strategy: weighted
                    targets:
                      - { provider: sandbox, model: sim, weight: 0 }
                """);

        assertThat(p).isEqualTo(new ConfigProblem("models[0].targets[0].weight", 10, 50,
                "must be between 1 and 1000000, got 0"));
    }

    @Test
    void strategyMustBeKnown() {
        ConfigProblem p = problem(SANDBOX + "models:\n  - { name: a, strategy: random, targets: [ sandbox/sim ] }\n");

        assertThat(p).isEqualTo(new ConfigProblem("models[0].strategy", 7, 26,
                "unknown strategy \"random\" (known: ordered, weighted, cheapest, fastest, least-busy, complexity)"));
    }

    @Test
    void duplicateTargetsInOneAliasAreRejected() {
        ConfigProblem p = problem(SANDBOX + "models:\n  - { name: a, targets: [ sandbox/sim, sandbox/sim ] }\n");

        assertThat(p.path()).isEqualTo("models[0].targets[1]");
        assertThat(p.message()).isEqualTo("duplicate target sandbox/sim (already targets[0])");
    }

    @Test
    void aModelThatIsNotAMappingIsOneProblem() {
        ConfigProblem p = problem(SANDBOX + "models:\n  - smart\n");

        assertThat(p).isEqualTo(new ConfigProblem("models[0]", 7, 5,
                "must be a mapping (key: value), not a single value"));
    }
}
