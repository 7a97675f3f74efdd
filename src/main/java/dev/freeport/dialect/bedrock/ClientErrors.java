package dev.freeport.dialect.bedrock;

import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;

/** The client errors of this package: what a request asks that Bedrock's Converse API cannot express. */
final class ClientErrors {
    private ClientErrors() {
    }

    static UpstreamException badRequest(String message) {
        return new UpstreamFailure(FailureKind.CLIENT_ERROR, 400, message, null, "invalid_request_error", null)
                .toException();
    }

    static UpstreamException unsupported(String what, String provider) {
        return badRequest(what + " is not supported by the " + provider + " provider (Bedrock Converse)");
    }
}
