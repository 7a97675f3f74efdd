package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.Finding;
import dev.freeport.guardrails.detect.IpScope;
import dev.freeport.guardrails.detect.Kind;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretDetectorsTest {
    private static final String B64 = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDREVGR0hJSktMTU5P";

    private static List<Finding> scan(String text) {
        return TextScanner.all().scan(text);
    }

    private static List<String> values(String text) {
        return scan(text).stream().map(f -> f.kind() + "=" + text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsAnOpenAiProjectKeyAndOnlyItsSpan() {
        String key = "sk-proj-" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3vW5";
        assertThat(values("key: " + key + ".")).containsExactly("OPENAI_KEY=" + key);
    }

    @Test
    void tellsALegacyOpenAiKeyByItsMarkerFromOtherSkKeys() {
        assertThat(scan("sk-aB3dE5fG7hJ9kL1mN3pQT3BlbkFJrS7tU9vW1xY3zA5bC7d9f").getFirst().kind())
                .isEqualTo(Kind.OPENAI_KEY);
        assertThat(scan("sk-3f9a1c5b8d2e4f6a0c9b7d5e3f1a2c7e").getFirst().kind()).isEqualTo(Kind.AI_VENDOR_KEY);
    }

    @Test
    void ignoresDocumentationStandIns() {
        assertThat(scan("sk-... ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx AKIAIOSFODNN7EXAMPLE YOUR_API_KEY")).isEmpty();
    }

    @Test
    void requiresATokenToStartAtAWordBoundary() {
        assertThat(scan("mask-aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7d")).isEmpty();
    }

    @Test
    void findsAGithubFineGrainedTokenOnlyWithItsUnderscoreInPlace() {
        String ok = "github_pat_11AB7DEFG0Q8w3R5t7Y9ab_" + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba7Zx9Yw8Vu7Ts6Rq5Po4Nm";
        assertThat(values(ok)).containsExactly("GITHUB_TOKEN=" + ok);
        assertThat(scan(ok.replace("ab_Z", "abdZ"))).isEmpty();
    }

    @Test
    void reportsOnlyTheValueOfAnAzureAccountKey() {
        String key = B64.substring(0, 86 - 20) + "Ab12Cd34Ef56Gh78Ij90" + "==";
        String text = "AccountName=x;AccountKey=" + key + ";EndpointSuffix=core.windows.net";
        assertThat(values(text)).containsExactly("AZURE_KEY=" + key);
    }

    @Test
    void findsAnAwsSecretKeyNearAnAccessKeyId() {
        String text = "id AKIAZ7QW2ERT5YUI3OPL and then qG3L0uKW4yWRzSaTLyvH1D0SZaozaNv4AH17Kzcn";
        assertThat(scan(text)).extracting(Finding::kind).containsExactly(Kind.AWS_ACCESS_KEY_ID, Kind.AWS_SECRET_KEY);
    }

    @Test
    void ignoresA40CharacterBase64RunWithoutAnAccessKeyIdNearby() {
        assertThat(scan("blob qG3L0uKW4yWRzSaTLyvH1D0SZaozaNv4AH17Kzcn")).isEmpty();
    }

    @Test
    void findsAPrivateKeyBlockThroughItsEndLine() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + B64 + "\n-----END RSA PRIVATE KEY-----";
        assertThat(values("x\n" + pem + "\ny")).containsExactly("PRIVATE_KEY=" + pem);
    }

    @Test
    void findsATruncatedPrivateKeyToTheEndOfItsBody() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + B64;
        assertThat(values(pem + "\n(cut)")).containsExactly("PRIVATE_KEY=" + pem);
    }

    @Test
    void ignoresCertificatesAndPublicKeys() {
        assertThat(scan("-----BEGIN CERTIFICATE-----\n" + B64 + "\n-----END CERTIFICATE-----\n"
                + "-----BEGIN PUBLIC KEY-----\n" + B64 + "\n-----END PUBLIC KEY-----")).isEmpty();
    }

    @Test
    void acceptsAJwtOnlyWithAnAlgInItsHeader() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlc2lnbmF0dXJlc2ln";
        String noAlg = "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlc2lnbmF0dXJlc2ln";
        assertThat(values(jwt)).containsExactly("JWT=" + jwt);
        assertThat(scan(noAlg)).isEmpty();
    }

    @Test
    void rejectsAnUnsignedJwtUnlessItsAlgIsNone() {
        assertThat(scan("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.")).isEmpty();
        assertThat(scan("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjMifQ.")).hasSize(1);
    }

    @Test
    void reportsOnlyThePasswordOfAUrl() {
        assertThat(values("postgres://app:Xk29!qLm7@db.prod:5432/app")).containsExactly("URL_PASSWORD=Xk29!qLm7");
    }

    @Test
    void ignoresUrlPasswordStandIns() {
        assertThat(scan("postgres://app:${DB_PASS}@db/x redis://:password@cache mysql://u:<pw>@h/d")).isEmpty();
    }

    @Test
    void findsAHighEntropyValueAfterAKeyLikeName() {
        assertThat(values("client_secret = \"f3a9c2e8b1d74f6e9a0b5c8d2e7f1a4b\""))
                .containsExactly("GENERIC_SECRET=f3a9c2e8b1d74f6e9a0b5c8d2e7f1a4b");
    }

    @Test
    void ignoresALowEntropyValueAfterAKeyLikeName() {
        assertThat(scan("api_key = \"aaaabbbbaaaabbbb1111\"")).isEmpty();
    }

    @Test
    void appliesTheConfiguredEntropyThreshold() {
        String text = "token = \"f3a9c2e8b1d74f6e9a0b5c8d2e7f1a4b\"";
        TextScanner strict = TextScanner.of(EnumSet.of(Kind.GENERIC_SECRET), new ScanSettings(IpScope.PUBLIC, 4.5),
                Allowlist.NONE);
        assertThat(strict.scan(text)).isEmpty();
    }

    @Test
    void ignoresCodeThatReadsASecretFromElsewhere() {
        assertThat(scan("password = os.environ[\"DB_PASSWORD\"]\napi_key = process.env.KEY\ntoken: ${TOKEN}\n"
                + "password=password\nsecret = secrets.token_urlsafe(32)")).isEmpty();
    }

    @Test
    void takesAQuotedPasswordWhateverItsEntropy() {
        assertThat(values("'password' => 'hunter22',")).containsExactly("GENERIC_SECRET=hunter22");
    }

    @Test
    void takesTheTokenAfterABearerScheme() {
        assertThat(values("Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"))
                .containsExactly("GENERIC_SECRET=9f8e7d6c5b4a39281706f5e4d3c2b1a0");
    }

    @Test
    void ignoresNamesThatOnlyDescribeASecret() {
        assertThat(scan("{\"max_tokens\": 4096, \"token_type\": \"bearer\", \"api_key_id\": \"key_01HZX8R7KQ9\"}"))
                .isEmpty();
    }

    @Test
    void findsEachOfSeveralPrivateKeysWithTheirOwnEndLines() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + B64 + "\n-----END PRIVATE KEY-----";
        assertThat(scan(pem + "\n\n" + pem)).hasSize(2);
    }
}
