package dev.freeport.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.Timeouts;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.Authorizer;
import dev.freeport.provider.http.CredentialCache;
import dev.freeport.provider.http.Redaction;
import dev.freeport.provider.http.UpstreamClient;
import dev.freeport.provider.http.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Microsoft Entra ID sign-in for Azure OpenAI: the OAuth 2.0 client-credentials grant ({@code POST
 * https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token} with client_id, client_secret and the scope
 * {@value #SCOPE}) over the gateway's own non-blocking client, the token cached until five minutes before it
 * expires and sent as {@code Authorization: Bearer}. Written here rather than taken from azure-identity, which
 * brings Reactor, Netty and its own HTTP stack for this one form POST (msal4j likewise brings Nimbus and blocks).
 */
public final class EntraAuthorizer implements Authorizer {
    public static final String SCOPE = "https://cognitiveservices.azure.com/.default";
    private static final Timeouts TOKEN_TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(20), Duration.ofSeconds(30));

    private record Token(String value, Instant expires) {
    }

    private final String provider;
    private final String secret;
    private final CredentialCache<Token> tokens;

    /** @param tokenUrl the token endpoint, or null for login.microsoftonline.com/{tenant}/oauth2/v2.0/token */
    public EntraAuthorizer(UpstreamClient client, String provider, String tenant, String clientId, String secret,
                           String tokenUrl, Clock clock) {
        this.provider = provider;
        this.secret = secret;
        String url = tokenUrl != null ? tokenUrl : "https://login.microsoftonline.com/"
                + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/oauth2/v2.0/token";
        URI uri = URI.create(url);
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&scope=" + enc(SCOPE);
        this.tokens = new CredentialCache<>(() -> fetch(client, base, path, form, clock), Token::expires, clock,
                Duration.ofMinutes(5));
    }

    @Override
    public Future<UpstreamRequest> authorize(String baseUrl, UpstreamRequest request) {
        return tokens.get().map(t -> {
            MultiMap h = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            h.remove("api-key");
            h.set("authorization", "Bearer " + t.value());
            return new UpstreamRequest(request.method(), request.path(), h, request.body());
        });
    }

    private Future<Token> fetch(UpstreamClient client, String base, String path, String form, Clock clock) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().set("content-type", "application/x-www-form-urlencoded")
                .set("accept", "application/json");
        Buffer body = Buffer.buffer(form);
        return client.open(base, new UpstreamRequest(HttpMethod.POST, path, h, body), TOKEN_TIMEOUTS)
                .compose(req -> req.idleTimeout(TOKEN_TIMEOUTS.firstByte().toMillis()).send(body))
                .compose(resp -> resp.body().map(b -> token(resp.statusCode(), b, clock)))
                .recover(t -> Future.failedFuture(t instanceof dev.freeport.provider.UpstreamException ? t
                        : failure(0, "token endpoint unreachable (" + t.getClass().getSimpleName() + ")")
                        .toException()));
    }

    private Token token(int status, Buffer body, Clock clock) {
        JsonNode root = null;
        try {
            root = JsonFields.MAPPER.readTree(body.getBytes());
        } catch (java.io.IOException | RuntimeException notJson) {
            // reported below
        }
        String access = root == null ? null : JsonFields.text(root, "access_token");
        if (status / 100 != 2 || access == null) {
            String why = root == null ? "HTTP " + status
                    : JsonFields.text(root, "error") + " (" + JsonFields.text(root, "error_description") + ")";
            throw failure(status, "Microsoft Entra ID refused the client credentials: " + why).toException();
        }
        long seconds = root.path("expires_in").asLong(3600);
        return new Token(access, clock.instant().plusSeconds(Math.max(60, seconds)));
    }

    private UpstreamFailure failure(int status, String message) {
        return new UpstreamFailure(FailureKind.CLIENT_ERROR, 401, Redaction.message(provider, message, secret)
                + (status == 0 ? "" : " [token endpoint answered " + status + "]"), null, "authentication_error",
                null);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
