package dev.freeport.provider.bedrock;

import dev.freeport.config.CloudConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.Provider;
import dev.freeport.provider.ProviderFactory;
import dev.freeport.provider.http.Authorizer;
import dev.freeport.provider.http.HttpProvider;
import dev.freeport.provider.http.UpstreamClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code type: bedrock}: the Converse codec over the shared upstream client, each request SigV4-signed
 * ({@link SigV4Authorizer}), or sent with a Bedrock API key ({@code api_key}) as a bearer token.
 */
public final class BedrockProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "bedrock";
    }

    @Override
    public Provider create(ProviderConfig config, Services services) {
        var settings = BedrockCodec.settings(config);
        CloudConfig.Bedrock cloud = (CloudConfig.Bedrock) config.cloud();
        Authorizer authorizer;
        try {
            authorizer = settings.apiKey() != null ? Authorizer.NONE
                    : new SigV4Authorizer(services.vertx(), config.name(), cloud.region(), credentials(cloud),
                    Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("provider '" + config.name() + "': " + e.getMessage(), e);
        }
        return new HttpProvider(services.vertx(), settings, new BedrockCodec(settings, Clock.systemUTC()),
                services.shared(UpstreamClient.class, UpstreamClient::new), authorizer);
    }

    /** A named profile (from {@code credentials_file} when set), else the SDK's default chain. */
    static AwsCredentialsProvider credentials(CloudConfig.Bedrock cloud) {
        if (cloud.credentialsFile() != null) {
            if (!java.nio.file.Files.isReadable(Path.of(cloud.credentialsFile()))) {
                throw new IllegalArgumentException("credentials_file " + cloud.credentialsFile()
                        + " cannot be read");
            }
            ProfileFile file = ProfileFile.builder().content(Path.of(cloud.credentialsFile()))
                    .type(ProfileFile.Type.CREDENTIALS).build();
            return ProfileCredentialsProvider.builder().profileFile(file).profileName(cloud.profile()).build();
        }
        if (cloud.profile() != null) {
            return ProfileCredentialsProvider.builder().profileName(cloud.profile()).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
