package dev.freeport.config;

/**
 * One thing wrong with a config file, with where it is.
 *
 * @param path    the field, e.g. {@code models[1].targets[0].provider} ("" for the whole file)
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param message what is wrong and, where possible, how to fix it; never contains a secret's value (masked here,
 *                whatever made it: a parser's snippet of a line, a URL with credentials)
 */
public record ConfigProblem(String path, int line, int column, String message) {

    public ConfigProblem {
        message = SecretMask.mask(message);
    }

    /** {@code source:line:col: path: message}; the location and path are left out when unknown or empty. */
    public String render(String sourceName) {
        StringBuilder b = new StringBuilder(sourceName);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (!path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(message).toString();
    }
}
