package dev.freeport.dialect.anthropic;

import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;

/** Builds the 400 a caller gets when its OpenAI request cannot be expressed in the Messages API. */
final class ClientErrors {
    private ClientErrors() {
    }

    static UpstreamException badRequest(String message) {
        return new UpstreamFailure(FailureKind.CLIENT_ERROR, 400, message, null, "invalid_request_error", null)
                .toException();
    }

    static UpstreamException unsupported(String what, String provider) {
        return badRequest(what + " is not supported by the " + provider + " provider");
    }
}
