package dev.freeport.provider.http;

import io.vertx.core.Future;

/**
 * Adds credentials to an encoded request just before it is sent: a SigV4 signature (Bedrock), a bearer token from
 * a token endpoint (Microsoft Entra ID, Google OAuth). Runs on the event loop; whatever may block (reading
 * credential files, refreshing a token) happens on a worker or over the non-blocking client, and a valid
 * credential is cached so that most requests complete at once. Fails with an {@link
 * dev.freeport.provider.UpstreamException} whose message names what is missing, never a secret.
 */
@FunctionalInterface
public interface Authorizer {

    /** Sends requests as the codec encoded them (the key, if any, is already in a header). */
    Authorizer NONE = (baseUrl, request) -> Future.succeededFuture(request);

    /** {@code request} with its credentials, to be sent to {@code baseUrl + request.path()}. */
    Future<UpstreamRequest> authorize(String baseUrl, UpstreamRequest request);
}
