package dev.freeport.cli;

/**
 * Why a command stops, in words for the user, with its exit code: 2 for input the command cannot use (a bad
 * option, an invalid config, an unknown name), 1 when it could not do what was asked (nothing to read, the gateway
 * unreachable or refusing). {@link CliCommand} prints it as {@code freeport COMMAND: message} on stderr.
 */
final class CliFailure extends RuntimeException {
    private final int exitCode;

    private CliFailure(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Bad input: exit 2. */
    static CliFailure usage(String message) {
        return new CliFailure(message, 2);
    }

    /** Could not do it: exit 1. */
    static CliFailure failed(String message) {
        return new CliFailure(message, 1);
    }

    int exitCode() {
        return exitCode;
    }
}
