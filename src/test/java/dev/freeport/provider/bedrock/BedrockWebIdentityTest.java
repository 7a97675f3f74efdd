package dev.freeport.provider.bedrock;

import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeBedrock;
import dev.freeport.testing.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default credential chain's web identity (what EKS service accounts and CI OIDC use): the token file is
 * exchanged at a fake STS ({@code AssumeRoleWithWebIdentity}, answered in STS's XML), and the temporary credentials
 * it returns are the ones the fake Bedrock finds in the request's signature.
 */
class BedrockWebIdentityTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/freeport-bedrock";
    static final Map<String, String> PROPERTIES = new ConcurrentHashMap<>();

    Vertx vertx = Vertx.vertx();
    FakeBedrock bedrock;
    TestGateway gw;
    Path token;

    @AfterEach
    void stop() throws Exception {
        PROPERTIES.keySet().forEach(System::clearProperty);
        if (gw != null) {
            gw.close();
        }
        if (bedrock != null) {
            bedrock.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Files.deleteIfExists(token);
    }

    static void property(String key, String value) {
        PROPERTIES.put(key, value);
        System.setProperty(key, value);
    }

    @Test
    void aWebIdentityTokenIsExchangedAtStsAndItsTemporaryCredentialsSignTheRequest() throws Exception {
        List<String> exchanged = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer sts = vertx.createHttpServer().requestHandler(r -> r.body().onSuccess(b -> {
            Map<String, String> form = new java.util.HashMap<>();
            for (String pair : b.toString().split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            exchanged.add(form.get("Action") + " " + form.get("RoleArn") + " " + form.get("WebIdentityToken"));
            r.response().putHeader("content-type", "text/xml").end("""
                    <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <AssumeRoleWithWebIdentityResult>
                        <Credentials>
                          <AccessKeyId>ASIATEMPORARY0000001</AccessKeyId>
                          <SecretAccessKey>temporarySecret/abcdefghijklmnopqrstuvwxyz01</SecretAccessKey>
                          <SessionToken>TemporarySessionTokenFromSts</SessionToken>
                          <Expiration>%s</Expiration>
                        </Credentials>
                        <SubjectFromWebIdentityToken>system:serviceaccount:ai:freeport</SubjectFromWebIdentityToken>
                        <AssumedRoleUser>
                          <Arn>arn:aws:sts::123456789012:assumed-role/freeport-bedrock/freeport</Arn>
                          <AssumedRoleId>AROAFAKE:freeport</AssumedRoleId>
                        </AssumedRoleUser>
                      </AssumeRoleWithWebIdentityResult>
                      <ResponseMetadata><RequestId>fake-sts</RequestId></ResponseMetadata>
                    </AssumeRoleWithWebIdentityResponse>""".formatted(Instant.now().plusSeconds(3600)));
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        token = Files.createTempFile("web-identity", ".jwt");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.fake-oidc-token.sig");
        property("aws.webIdentityTokenFile", token.toString());
        property("aws.roleArn", ROLE);
        property("aws.roleSessionName", "freeport");
        property("aws.region", "eu-central-1");
        property("aws.endpointUrlSts", "http://127.0.0.1:" + sts.actualPort());

        bedrock = FakeBedrock.start(AwsSessionCredentials.create("ASIATEMPORARY0000001",
                "temporarySecret/abcdefghijklmnopqrstuvwxyz01", "TemporarySessionTokenFromSts"), "eu-central-1");
        bedrock.enqueue(Reply.ok("signed with temporary credentials"));
        gw = TestGateway.fromYaml("providers:\n  aws: { type: bedrock, region: eu-central-1, base_url: \""
                + bedrock.baseUrl() + "\" }\nmodels:\n  - name: m\n    targets: [ \"aws/deepseek.v3-v1:0\" ]\n",
                v -> List.of());
        HttpResponse<String> r = gw.post("/v1/chat/completions",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(exchanged).containsExactly("AssumeRoleWithWebIdentity " + ROLE
                + " eyJhbGciOiJSUzI1NiJ9.fake-oidc-token.sig");
        assertThat(bedrock.rejected()).isZero();
        assertThat(bedrock.requests().getFirst().header("x-amz-security-token"))
                .isEqualTo("TemporarySessionTokenFromSts");
    }
}
