package dev.freeport.api;

/**
 * What the gateway needs from one canonical stream chunk, read without building its tree: the usage it reports
 * (null when none), its finish reason (null when none), the text it adds (content, reasoning, tool names and
 * arguments, for counting a stream that breaks before its usage arrives), and whether it has choices (a chunk
 * without choices that reports usage is the usage chunk OpenAI sends last).
 */
public record ChunkFacts(Usage usage, String finishReason, String text, boolean hasChoices) {
}
