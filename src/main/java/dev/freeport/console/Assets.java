package dev.freeport.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** The console's files, read once from the jar ({@code dev/freeport/console/}): no CDN, works offline. */
final class Assets {
    /** A file and its content type. */
    record Asset(byte[] bytes, String type) {
    }

    private static final Map<String, String> TYPES = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8",
            "budgets.js", "text/javascript; charset=utf-8",
            "lab.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "icon.svg", "image/svg+xml",
            "index.html", "text/html; charset=utf-8",
            "login.html", "text/html; charset=utf-8");

    private final Map<String, Asset> files = new HashMap<>();

    Assets() {
        TYPES.forEach((name, type) -> files.put(name, new Asset(read(name), type)));
    }

    /** The named file, or null for a name that is not one of the console's. */
    Asset get(String name) {
        return files.get(name);
    }

    String text(String name) {
        return new String(files.get(name).bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the jar: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
