package dev.freeport.audit;

import dev.freeport.catalog.PriceCatalog;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** Reads an imported log file, its format given or detected ({@link #detect}). */
public final class LogImport {

    /** The log formats {@code freeport audit --import} reads. */
    public enum Format {
        OPENAI_JSONL, LITELLM;

        /** "openai-jsonl" or "litellm". */
        public static Format parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "openai-jsonl", "openai", "jsonl" -> OPENAI_JSONL;
                case "litellm" -> LITELLM;
                default -> throw new IllegalArgumentException("unknown format '" + s + "': use openai-jsonl or litellm");
            };
        }
    }

    private LogImport() {
    }

    /**
     * LITELLM for a .csv file, a JSON array, a {"data": [...]} object, or JSON lines whose first object has
     * "request_id" or "spend"; OPENAI_JSONL otherwise.
     */
    public static Format detect(Path file, String text) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return Format.LITELLM;
        }
        String t = text.stripLeading();
        if (t.startsWith("[")) {
            return Format.LITELLM;
        }
        String first = t.lines().findFirst().orElse("");
        if (first.contains("\"request_id\"") || first.contains("\"spend\"")
                || (t.startsWith("{") && !first.contains("\"messages\"") && !first.contains("\"request\"")
                && !first.contains("\"input\"") && first.contains("\"data\""))) {
            return Format.LITELLM;
        }
        return Format.OPENAI_JSONL;
    }

    /** Reads {@code file} in {@code format} (null: detect). */
    public static Imported read(Path file, Format format, PriceCatalog catalog) throws IOException {
        String text = Files.readString(file);
        Format f = format != null ? format : detect(file, text);
        return f == Format.LITELLM ? LiteLlmSpendImport.read(text)
                : OpenAiJsonlImport.read(new StringReader(text), catalog, Instant.now());
    }
}
