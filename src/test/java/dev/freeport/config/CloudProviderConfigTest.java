package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.freeport.config.ConfigTesting.parse;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

class CloudProviderConfigTest {

    private static String models(String provider) {
        return "models:\n  - { name: m, targets: [ " + provider + "/some-model ] }\n";
    }

    @Test
    void bedrockReadsItsRegionAsTheAwsRegionNotAJurisdiction() {
        FreeportConfig c = parse("providers:\n  aws: { type: bedrock, region: eu-central-1, profile: prod }\n"
                + models("aws"));
        ProviderConfig p = c.providers().get("aws");
        assertThat(p.cloud()).isEqualTo(new CloudConfig.Bedrock("eu-central-1", "prod", null));
        assertThat(p.placement()).isNull();
    }

    @Test
    void bedrockWithoutARegionIsAProblem() {
        ConfigProblem p = problem("providers:\n  aws: { type: bedrock }\n" + models("aws"));
        assertThat(p.path()).isEqualTo("providers.aws.region");
        assertThat(p.message()).contains("required for type bedrock");
    }

    @Test
    void anAwsRegionIsCheckedForItsShape() {
        ConfigProblem p = problem("providers:\n  aws: { type: bedrock, region: frankfurt }\n" + models("aws"));
        assertThat(p.message()).isEqualTo("must be an AWS region like eu-central-1 or us-east-1, got \"frankfurt\"");
    }

    @Test
    void azureTakesEntraClientCredentialsFromTheEnvironmentWhenNoKeyIsSet() {
        FreeportConfig c = parse("providers:\n  az: { type: azure, base_url: \"https://c.openai.azure.com\" }\n"
                + models("az"), Map.of("AZURE_TENANT_ID", "t-1", "AZURE_CLIENT_ID", "c-1",
                "AZURE_CLIENT_SECRET", "s-1"));
        CloudConfig.Azure a = (CloudConfig.Azure) c.providers().get("az").cloud();
        assertThat(a.entra()).isTrue();
        assertThat(a.tenantId()).isEqualTo("t-1");
        assertThat(a.clientSecret()).isEqualTo("s-1");
        assertThat(a.apiVersion()).isNull();
    }

    @Test
    void azureWithNeitherKeyNorEntraCredentialsIsAProblemNamingBoth() {
        ConfigProblem p = problem("providers:\n  az: { type: azure, base_url: \"https://c.openai.azure.com\" }\n"
                + models("az"));
        assertThat(p.path()).isEqualTo("providers.az");
        assertThat(p.message()).contains("api_key").contains("AZURE_CLIENT_SECRET");
    }

    @Test
    void aClientSecretInAMessageIsHidden() {
        ConfigProblem p = problem("providers:\n  az: { type: azure, base_url: \"https://c.openai.azure.com\","
                + " api_key: k, client_secret: super-secret-value }\n" + models("az"));
        assertThat(p.path()).isEqualTo("providers.az.client_secret");
        assertThat(p.message()).doesNotContain("super-secret-value");
    }

    @Test
    void vertexNeedsAProjectAndALocation() {
        ConfigProblem p = problem("providers:\n  gcp: { type: vertex, region: europe-west4 }\n" + models("gcp"));
        assertThat(p.path()).isEqualTo("providers.gcp.project");
        FreeportConfig c = parse("providers:\n  gcp: { type: vertex, project: acme-prod, region: global,"
                + " credentials_file: keys/sa.json }\n" + models("gcp"));
        CloudConfig.Vertex v = (CloudConfig.Vertex) c.providers().get("gcp").cloud();
        assertThat(v.region()).isEqualTo("global");
        assertThat(v.credentialsFile()).endsWith("keys/sa.json");
    }

    @Test
    void aCloudKeyUnderAnotherTypeIsAProblem() {
        ConfigProblem p = problem("providers:\n  ds: { preset: deepseek, project: acme-prod }\n" + models("ds"));
        assertThat(p.path()).isEqualTo("providers.ds.project");
        assertThat(p.message()).isEqualTo("\"project\" does not apply to type openai (it is for vertex)");
    }
}
