package dev.freeport.provider.vertex;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.Authorizer;
import dev.freeport.provider.http.CredentialCache;
import dev.freeport.provider.http.Redaction;
import dev.freeport.provider.http.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Google OAuth for Vertex AI through Google's auth library ({@code google-auth-library-oauth2-http}): a
 * service-account key file (a JWT signed with its private key, exchanged at the key's {@code token_uri}), a
 * gcloud user login, or Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud, the metadata
 * server on Google Cloud), scoped to {@value #SCOPE}. The library blocks, so credentials load and refresh on a
 * worker; the token is cached until five minutes before it expires and sent as {@code Authorization: Bearer}.
 * {@code token_url} overrides the token endpoint (for tests and private endpoints).
 */
public final class GoogleAuthorizer implements Authorizer {
    public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private record Token(String value, Instant expires) {
    }

    private final String provider;
    private final String credentialsFile;
    private final String tokenUrl;
    private final CredentialCache<Token> tokens;
    private volatile GoogleCredentials credentials;

    public GoogleAuthorizer(Vertx vertx, String provider, String credentialsFile, String tokenUrl, Clock clock) {
        this.provider = provider;
        this.credentialsFile = credentialsFile;
        this.tokenUrl = tokenUrl;
        this.tokens = new CredentialCache<>(() -> vertx.executeBlocking(this::refresh, false), Token::expires, clock,
                Duration.ofMinutes(5));
    }

    @Override
    public Future<UpstreamRequest> authorize(String baseUrl, UpstreamRequest request) {
        return tokens.get().map(t -> {
            MultiMap h = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            h.set("authorization", "Bearer " + t.value());
            return new UpstreamRequest(request.method(), request.path(), h, request.body());
        });
    }

    private Token refresh() {
        try {
            GoogleCredentials c = credentials();
            c.refreshIfExpired();
            AccessToken token = c.getAccessToken();
            if (token == null) {
                throw new IOException("no access token");
            }
            Instant expires = token.getExpirationTime() == null ? null : token.getExpirationTime().toInstant();
            return new Token(token.getTokenValue(), expires);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UpstreamFailure(FailureKind.CLIENT_ERROR, 401, Redaction.message(provider,
                    "Google credentials could not give an access token: " + why, null), null,
                    "authentication_error", null).toException();
        }
    }

    private GoogleCredentials credentials() throws IOException {
        GoogleCredentials c = credentials;
        if (c != null) {
            return c;
        }
        if (credentialsFile != null) {
            try (InputStream in = Files.newInputStream(Path.of(credentialsFile))) {
                c = GoogleCredentials.fromStream(in);
            }
        } else {
            c = GoogleCredentials.getApplicationDefault();
        }
        if (tokenUrl != null) {
            if (c instanceof ServiceAccountCredentials sa) {
                c = sa.toBuilder().setTokenServerUri(URI.create(tokenUrl)).build();
            } else if (c instanceof UserCredentials u) {
                c = u.toBuilder().setTokenServerUri(URI.create(tokenUrl)).build();
            }
        }
        if (c.createScopedRequired()) {
            c = c.createScoped(List.of(SCOPE));
        }
        credentials = c;
        return c;
    }
}
