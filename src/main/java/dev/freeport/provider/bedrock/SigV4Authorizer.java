package dev.freeport.provider.bedrock;

import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.Authorizer;
import dev.freeport.provider.http.CredentialCache;
import dev.freeport.provider.http.Redaction;
import dev.freeport.provider.http.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Signs each Bedrock request with AWS Signature Version 4 (service {@code bedrock}, the provider's region) using
 * the AWS SDK for Java v2's {@link AwsV4HttpSigner}: canonical request over method, path, query, the content-type,
 * accept and host headers and the SHA-256 of the body. Credentials come from an {@link AwsCredentialsProvider}
 * (the SDK's default chain: environment, system properties, web identity, profile, container, instance metadata;
 * or a named profile) resolved on a worker thread and cached until five minutes before they expire.
 */
public final class SigV4Authorizer implements Authorizer {
    static final String SERVICE = "bedrock";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final List<String> SIGNED = List.of("content-type", "accept");

    private final String provider;
    private final String region;
    private final Clock clock;
    private final CredentialCache<AwsCredentialsIdentity> credentials;

    public SigV4Authorizer(Vertx vertx, String provider, String region, AwsCredentialsProvider source, Clock clock) {
        this.provider = provider;
        this.region = region;
        this.clock = clock;
        this.credentials = new CredentialCache<>(() -> vertx.executeBlocking(() -> resolve(source), false),
                c -> c.expirationTime().orElse(null), clock, Duration.ofMinutes(5));
    }

    @Override
    public Future<UpstreamRequest> authorize(String baseUrl, UpstreamRequest request) {
        return credentials.get().map(c -> sign(baseUrl, request, c, region, clock));
    }

    /** {@code request} with its SigV4 headers (authorization, x-amz-date, x-amz-security-token). Pure. */
    public static UpstreamRequest sign(String baseUrl, UpstreamRequest request, AwsCredentialsIdentity credentials,
                                       String region, Clock clock) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method().name()))
                .uri(URI.create(baseUrl + request.path()));
        for (String name : SIGNED) {
            String v = request.headers().get(name);
            if (v != null) {
                http.putHeader(name, v);
            }
        }
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes();
        SignedRequest signed = SIGNER.sign(r -> r.request(http.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .identity(credentials)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        for (Map.Entry<String, List<String>> e : signed.request().headers().entrySet()) {
            String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (name.equals("authorization") || name.startsWith("x-amz-")) {
                headers.set(name, e.getValue().getFirst());
            }
        }
        return new UpstreamRequest(request.method(), request.path(), headers, request.body());
    }

    private AwsCredentialsIdentity resolve(AwsCredentialsProvider source) {
        try {
            AwsCredentialsIdentity c = source.resolveIdentity().join();
            if (c == null || c.accessKeyId() == null) {
                throw new IllegalStateException("no credentials");
            }
            return c instanceof AwsSessionCredentialsIdentity s ? s : c;
        } catch (RuntimeException e) {
            // the SDK says where it looked or what STS answered (no secrets); scrubbed and bounded all the same
            Throwable cause = e instanceof CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new UpstreamFailure(FailureKind.CLIENT_ERROR, 401, Redaction.message(provider,
                    "could not get AWS credentials for Bedrock (the chain: environment, web identity, profile files,"
                            + " container and instance endpoints): " + why, null), null, "authentication_error",
                    null).toException();
        }
    }
}
