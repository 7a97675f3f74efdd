package dev.freeport.module;

import java.util.Map;

/** A {@link WebRoutes} answer: status, content type, extra headers (lower-case names), body. */
public record WebReply(int status, String contentType, Map<String, String> headers, byte[] body) {

    public WebReply {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}
