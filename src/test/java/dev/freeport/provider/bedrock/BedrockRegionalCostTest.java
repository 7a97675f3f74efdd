package dev.freeport.provider.bedrock;

import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeBedrock;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bedrock bills Claude 4.5 and later about 10% more on in-region and geographic (us./eu.) endpoints than on global
 * cross-Region inference profiles (global.): the catalog's price is the global one, regions {"*": 1.1}.
 * Claude Sonnet 4.5, 1,000 in and 1,000 out: $3 / $15 per million = $0.018 global, $0.0198 regional.
 */
class BedrockRegionalCostTest {
    private static final String ID = "anthropic.claude-sonnet-4-5-20250929-v1:0";

    private FakeBedrock bedrock;
    private TestGateway gw;
    private Path credentials;

    @BeforeEach
    void start() throws IOException {
        credentials = credentialsFile();
        bedrock = FakeBedrock.start(AwsBasicCredentials.create(BedrockGatewayTest.KEY_ID, BedrockGatewayTest.SECRET),
                "eu-central-1");
        gw = TestGateway.fromYaml(providers(bedrock, credentials)
                + "models:\n"
                + "  - { name: global, targets: [ { provider: aws, model: \"global." + ID + "\" } ] }\n"
                + "  - { name: geo, targets: [ { provider: aws, model: \"eu." + ID + "\" } ] }\n"
                + "  - { name: local, targets: [ { provider: aws, model: \"" + ID + "\" } ] }\n", v -> List.of());
    }

    /** A credentials file with the fake's key pair under the profile {@code team}. */
    static Path credentialsFile() throws IOException {
        Path file = Files.createTempFile("aws-credentials", "");
        Files.writeString(file, "[team]\naws_access_key_id = " + BedrockGatewayTest.KEY_ID
                + "\naws_secret_access_key = " + BedrockGatewayTest.SECRET + "\n");
        return file;
    }

    /** The config's providers section: one Bedrock provider {@code aws} in eu-central-1 at the fake. */
    static String providers(FakeBedrock bedrock, Path credentials) {
        return "providers:\n  aws:\n    type: bedrock\n    region: eu-central-1\n"
                + "    base_url: " + bedrock.baseUrl() + "\n    credentials_file: " + credentials + "\n"
                + "    profile: team\n";
    }

    @AfterEach
    void stop() throws IOException {
        gw.close();
        bedrock.close();
        Files.deleteIfExists(credentials);
    }

    private String cost(String alias) {
        bedrock.enqueue(Reply.ok("ok").usage(1_000, 1_000));
        HttpResponse<String> r = gw.post("/v1/chat/completions", "{\"model\":\"" + alias
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-freeport-cost-usd").orElseThrow();
    }

    @Test
    void inRegionAndGeographicEndpointsCostTenPercentMoreThanTheGlobalProfile() {
        assertThat(cost("global")).isEqualTo("0.018");
        assertThat(cost("geo")).isEqualTo("0.0198");
        assertThat(cost("local")).isEqualTo("0.0198");
        assertThat(gw.awaitEvents(3)).extracting(e -> e.costNanos())
                .containsExactlyInAnyOrder(18_000_000L, 19_800_000L, 19_800_000L);
    }
}
