package dev.freeport.flow;

/**
 * Where the request log's lines go (one line per request, already formatted). Called on event loops: an
 * implementation must not block (queue and write elsewhere).
 */
@FunctionalInterface
public interface RequestLog {
    RequestLog NONE = line -> {
    };

    void write(String line);
}
