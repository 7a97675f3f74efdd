package dev.freeport.audit;

/** An input line (or row) that could not be read: its 1-based line number in the file and why. */
public record Malformed(long line, String reason) {
}
