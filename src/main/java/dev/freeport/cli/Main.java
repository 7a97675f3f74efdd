package dev.freeport.cli;

/** Entry point of the runnable jar; subcommands come with picocli. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("freeport");
    }
}
