package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real OAuth 2.0 token endpoint on loopback, in the two shapes the clouds use, minting random access tokens
 * that tests then look for on the requests the fake cloud receives:
 * <ul>
 *   <li>Microsoft Entra ID: {@code POST /{tenant}/oauth2/v2.0/token}, form {@code grant_type=client_credentials,
 *       client_id, client_secret, scope}; a wrong client or secret gets 401 {@code invalid_client} with an AADSTS
 *       description, as Entra answers;</li>
 *   <li>Google: {@code POST /token}, form {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer,
 *       assertion=JWT}; the JWT's RS256 signature is verified with the service account's public key and its
 *       {@code iss}, {@code aud} (Google's token audience) and {@code exp} checked; a bad one gets 400 {@code invalid_grant}.</li>
 * </ul>
 */
public final class FakeTokenServer implements AutoCloseable {
    /** The audience Google's auth libraries put in a service account's JWT, whatever the token URL. */
    static final String GOOGLE_AUDIENCE = "https://oauth2.googleapis.com/token";

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Set<String> minted = ConcurrentHashMap.newKeySet();
    private final List<String> refusals = new ArrayList<>();
    private volatile String entraTenant;
    private volatile String entraClient;
    private volatile String entraSecret;
    private volatile String googleIssuer;
    private volatile PublicKey googleKey;
    private volatile int expiresIn = 3599;
    private int requests;

    private FakeTokenServer() {
        server = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(r -> r.body().onSuccess(b -> handle(r, b))).listen());
    }

    public static FakeTokenServer start() {
        return new FakeTokenServer();
    }

    /** Accept Entra client credentials for this tenant, client and secret. */
    public FakeTokenServer entra(String tenant, String clientId, String secret) {
        entraTenant = tenant;
        entraClient = clientId;
        entraSecret = secret;
        return this;
    }

    /** Accept Google JWT assertions from this service account, signed with the private half of {@code key}. */
    public FakeTokenServer google(String clientEmail, PublicKey key) {
        googleIssuer = clientEmail;
        googleKey = key;
        return this;
    }

    /** The lifetime the next tokens are minted with. */
    public FakeTokenServer expiresIn(int seconds) {
        expiresIn = seconds;
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The Entra token URL for the configured tenant. */
    public String entraUrl() {
        return baseUrl() + "/" + entraTenant + "/oauth2/v2.0/token";
    }

    public String googleUrl() {
        return baseUrl() + "/token";
    }

    public boolean wasMinted(String bearer) {
        return bearer != null && bearer.startsWith("Bearer ") && minted.contains(bearer.substring(7));
    }

    public synchronized int tokenRequests() {
        return requests;
    }

    public synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }

    private void handle(HttpServerRequest r, Buffer body) {
        synchronized (this) {
            requests++;
        }
        MultiMap form = form(body.toString());
        String refusal;
        if (r.path().endsWith("/oauth2/v2.0/token")) {
            refusal = entraRefusal(r.path(), form);
            if (refusal != null) {
                refuse(r, 401, "invalid_client", refusal);
                return;
            }
        } else if (r.path().equals("/token")) {
            refusal = googleRefusal(form);
            if (refusal != null) {
                refuse(r, 400, "invalid_grant", refusal);
                return;
            }
        } else {
            refuse(r, 404, "not_found", "no token endpoint at " + r.path());
            return;
        }
        String token = "fake-token-" + UUID.randomUUID();
        minted.add(token);
        r.response().putHeader("content-type", "application/json").end(OpenAiWire.JSON.createObjectNode()
                .put("token_type", "Bearer").put("expires_in", expiresIn).put("access_token", token).toString());
    }

    private String entraRefusal(String path, MultiMap form) {
        if (!path.equals("/" + entraTenant + "/oauth2/v2.0/token")) {
            return "AADSTS90002: Tenant not found.";
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return "AADSTS70003: unsupported grant_type " + form.get("grant_type");
        }
        if (!"https://cognitiveservices.azure.com/.default".equals(form.get("scope"))) {
            return "AADSTS70011: The provided value for the input parameter 'scope' is not valid.";
        }
        if (!entraClient.equals(form.get("client_id")) || !entraSecret.equals(form.get("client_secret"))) {
            return "AADSTS7000215: Invalid client secret provided.";
        }
        return null;
    }

    private String googleRefusal(MultiMap form) {
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return "unsupported grant_type";
        }
        String[] parts = String.valueOf(form.get("assertion")).split("\\.");
        if (parts.length != 3) {
            return "assertion is not a JWT";
        }
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(googleKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "Invalid JWT Signature.";
            }
            JsonNode claims = OpenAiWire.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!googleIssuer.equals(claims.path("iss").asText())) {
                return "iss " + claims.path("iss").asText() + " is not the service account";
            }
            String aud = claims.path("aud").asText();
            if (!aud.equals(GOOGLE_AUDIENCE) && !aud.equals(googleUrl())) {
                return "aud " + aud + " is neither Google's token audience nor this endpoint";
            }
            if (claims.path("exp").asLong() < Instant.now().getEpochSecond()) {
                return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe";
            }
            return null;
        } catch (Exception e) {
            return "unreadable assertion: " + e.getMessage();
        }
    }

    private synchronized void refuse(HttpServerRequest r, int status, String error, String description) {
        refusals.add(description);
        r.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(OpenAiWire.JSON.createObjectNode().put("error", error).put("error_description", description)
                        .toString());
    }

    private static MultiMap form(String body) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.add(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static <T> T await(io.vertx.core.Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
