package dev.freeport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code freeport version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print Freeport's version.")
final class VersionCommand implements Runnable {

    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public void run() {
        System.out.println("freeport " + version() + " (Java " + Runtime.version() + ")");
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"freeport " + version()};
        }
    }
}
