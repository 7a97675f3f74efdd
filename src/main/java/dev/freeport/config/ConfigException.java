package dev.freeport.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config file that cannot be used, with every problem found in one pass (not just the first), so a user fixes
 * them all in one edit. {@link #getMessage()} renders one problem per line as {@code file:line:col: path: message}.
 */
public final class ConfigException extends RuntimeException {

    private final String sourceName;
    private final transient List<ConfigProblem> problems;

    public ConfigException(String sourceName, List<ConfigProblem> problems) {
        super(render(sourceName, problems));
        this.sourceName = sourceName;
        this.problems = List.copyOf(problems);
    }

    public String sourceName() {
        return sourceName;
    }

    /** In file order (line, then column). */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String sourceName, List<ConfigProblem> problems) {
        return problems.stream().map(p -> p.render(sourceName)).collect(Collectors.joining("\n"));
    }
}
