package dev.freeport.dialect.gemini;

import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;

/** The client errors of this package: what an OpenAI request asks that Gemini's API cannot express. */
final class ClientErrors {
    private ClientErrors() {
    }

    /** The 400 a caller gets when its OpenAI request cannot be expressed in Gemini's API. */
    static UpstreamException badRequest(String message) {
        return new UpstreamFailure(FailureKind.CLIENT_ERROR, 400, message, null, "invalid_request_error", null)
                .toException();
    }

    static UpstreamException unsupported(String what, String provider) {
        return badRequest(what + " is not supported by the " + provider + " provider (Gemini)");
    }
}
