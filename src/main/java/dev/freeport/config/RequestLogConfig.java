package dev.freeport.config;

import java.nio.file.Path;

/**
 * {@code server.request_log}: one line per request (time, request id, caller, front, alias, target, every attempt
 * with its error and time, status, tokens, cost, latency), never prompt contents or secrets.
 *
 * @param requests which requests are logged
 * @param format   text (key=value) or JSON (one object per line)
 * @param file     where to append, or null for standard output
 */
public record RequestLogConfig(Requests requests, Format format, Path file) {
    /** failed requests (any non-2xx, cut or cancelled, or served after a fallback), as text, to standard output */
    public static final RequestLogConfig DEFAULT = new RequestLogConfig(Requests.FAILURES, Format.TEXT, null);

    public RequestLogConfig {
        requests = requests == null ? Requests.FAILURES : requests;
        format = format == null ? Format.TEXT : format;
    }

    public enum Requests {
        OFF, FAILURES, ALL
    }

    public enum Format {
        TEXT, JSON
    }
}
