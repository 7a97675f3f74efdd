package dev.freeport.config;

/**
 * The account settings of a cloud provider ({@code type: azure, bedrock, vertex}); see docs/CLOUDS.md. Secrets
 * (client secrets) are held here after ${ENV} substitution and never appear in messages.
 */
public sealed interface CloudConfig {

    /** The cloud's own region name as written ("eu-central-1", "europe-west4", "swedencentral"), or null. */
    String region();

    /**
     * Azure OpenAI / Azure AI Foundry.
     *
     * @param apiVersion   null: the v1 API ({@code /openai/v1/...}, deployment in the body's model); set: the
     *                     deployment URLs ({@code /openai/deployments/{model}/...?api-version=...})
     * @param tenantId     Microsoft Entra tenant, for client credentials (null when an api_key is used)
     * @param clientId     Entra application (client) id
     * @param clientSecret Entra client secret
     * @param tokenUrl     the Entra token endpoint; null for login.microsoftonline.com/{tenant}/oauth2/v2.0/token
     * @param region       the resource's Azure region, for the route's jurisdiction; null when not written
     */
    record Azure(String apiVersion, String tenantId, String clientId, String clientSecret, String tokenUrl,
                 String region) implements CloudConfig {

        /** Whether requests carry an Entra bearer token (else the provider's api_key). */
        public boolean entra() {
            return clientId != null;
        }
    }

    /**
     * AWS Bedrock.
     *
     * @param region          the AWS region ("eu-central-1"); requests are signed for it
     * @param profile         a profile of the shared config/credentials files, or null for the default chain
     * @param credentialsFile a credentials file to read that profile from instead of ~/.aws/credentials, or null
     */
    record Bedrock(String region, String profile, String credentialsFile) implements CloudConfig {
    }

    /**
     * Google Vertex AI.
     *
     * @param project         the Google Cloud project id
     * @param region          the location ("us-east5", "europe-west1", "global")
     * @param credentialsFile a service-account key file, or null for Application Default Credentials
     * @param tokenUrl        overrides the OAuth token endpoint of the credentials, or null
     */
    record Vertex(String project, String region, String credentialsFile, String tokenUrl) implements CloudConfig {
    }
}
