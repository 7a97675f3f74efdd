package dev.freeport.provider.bedrock;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.limits.LimitsModule;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeBedrock;
import dev.freeport.testing.OneKey;
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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A budget's reservation prices a cloud target at its region's rate: Claude Sonnet 4.5 on a Bedrock {@code eu.}
 * profile costs ×1.1 its global price, so 10,000 output tokens reserve $0.165 (plus the prompt), not $0.15.
 */
class BedrockRegionalReservationTest {
    private static final String ID = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    /** A hard total budget of $0.16: the global price of the bound fits, the regional one does not. */
    private static final Principal KEY = new Principal("key-eu", "fp-eu", null, List.of(), Set.of(), Limits.NONE,
            new Budget(160_000_000L, Budget.Period.TOTAL, true, List.of()), Limits.NONE, null);

    private FakeBedrock bedrock;
    private TestGateway gw;
    private Path credentials;

    @BeforeEach
    void start() throws IOException {
        credentials = BedrockRegionalCostTest.credentialsFile();
        bedrock = FakeBedrock.start(AwsBasicCredentials.create(BedrockGatewayTest.KEY_ID, BedrockGatewayTest.SECRET),
                "eu-central-1");
        gw = TestGateway.fromYamlWithConfig(BedrockRegionalCostTest.providers(bedrock, credentials)
                + "models:\n"
                + "  - { name: global, targets: [ { provider: aws, model: \"global." + ID + "\" } ] }\n"
                + "  - { name: geo, targets: [ { provider: aws, model: \"eu." + ID + "\" } ] }\n",
                (vx, cfg) -> List.of(OneKey.module("sk-eu", KEY), LimitsModule.create(vx, cfg)));
    }

    @AfterEach
    void stop() throws IOException {
        gw.close();
        bedrock.close();
        Files.deleteIfExists(credentials);
    }

    private HttpResponse<String> ask(String alias) {
        bedrock.enqueue(Reply.ok("ok").usage(10, 10));
        return gw.post("/v1/chat/completions", "{\"model\":\"" + alias + "\",\"max_tokens\":10000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", "authorization", "Bearer sk-eu");
    }

    @Test
    void aRequestToAnEuProfileIsRefusedWhenOnlyItsGlobalPriceWouldFitTheBudget() {
        HttpResponse<String> r = ask("geo");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(TestGateway.json(r.body()).at("/error/code").asText()).isEqualTo("budget_exceeded");
        assertThat(bedrock.requests()).isEmpty();
    }

    @Test
    void theSameRequestToTheGlobalProfileFits() {
        HttpResponse<String> r = ask("global");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
