package dev.freeport.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a command reads from its surroundings: the working directory (where {@code ./freeport.yaml} is looked for),
 * the environment ({@code FREEPORT_URL}, {@code FREEPORT_ADMIN_KEY}, {@code ${VAR}} in configs) and the home folder
 * (where the demo keeps its ledger). Commands and option groups take it in a constructor; {@link Main} uses the
 * process's own, tests pass their own through {@link #factory()}.
 */
record CliContext(Path workDir, Map<String, String> env, Path home) {

    static final CliContext SYSTEM = new CliContext(Path.of(""), System.getenv(),
            Path.of(System.getProperty("user.home", ".")));

    CliContext {
        env = Map.copyOf(env);
    }

    /** A relative path as the user meant it: against the working directory. */
    Path resolve(Path p) {
        return workDir.resolve(p);
    }

    /** An environment variable, or null when unset or empty. */
    String env(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Where {@code freeport demo} keeps its ledger when no --data-dir is given: $FREEPORT_HOME/demo, else ~/.freeport/demo. */
    Path demoDataDir() {
        String fh = env("FREEPORT_HOME");
        return (fh != null ? Path.of(fh) : home.resolve(".freeport")).resolve("demo").toAbsolutePath();
    }

    /** Creates commands and option groups with this context (those that take one), the rest as picocli would. */
    picocli.CommandLine.IFactory factory() {
        picocli.CommandLine.IFactory fallback = picocli.CommandLine.defaultFactory();
        return new picocli.CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    var ctor = cls.getDeclaredConstructor(CliContext.class);
                    ctor.setAccessible(true);
                    return ctor.newInstance(CliContext.this);
                } catch (NoSuchMethodException e) {
                    return fallback.create(cls);
                }
            }
        };
    }
}
