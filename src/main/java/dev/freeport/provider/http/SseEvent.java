package dev.freeport.provider.http;

/** One server-sent event: {@code event} is null when the event had no "event:" line; data lines joined by \n. */
public record SseEvent(String event, String data) {
}
