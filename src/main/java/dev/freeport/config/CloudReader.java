package dev.freeport.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the keys of the cloud provider types (azure, bedrock, vertex) into a {@link CloudConfig}; for these types
 * {@code region} is the cloud's own region name, not a jurisdiction code. See docs/CLOUDS.md.
 */
final class CloudReader {
    /** The keys only cloud types have, and which type each belongs to. */
    static final Map<String, Set<String>> KEYS = Map.of(
            "azure", Set.of("api_version", "tenant_id", "client_id", "client_secret", "token_url", "region"),
            "bedrock", Set.of("region", "profile", "credentials_file"),
            "vertex", Set.of("project", "region", "credentials_file", "token_url"));
    static final List<String> CLOUD_ONLY = List.of("project", "api_version", "tenant_id", "client_id",
            "client_secret", "token_url", "credentials_file", "profile");

    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}");
    private static final Pattern GCP_REGION = Pattern.compile("global|[a-z]+-[a-z]+\\d{1,2}");
    private static final Pattern AZURE_REGION = Pattern.compile("[a-z][a-z0-9]{2,40}");
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?|v1|preview|latest");
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

    private CloudReader() {
    }

    static boolean isCloud(String type) {
        return type != null && KEYS.containsKey(type);
    }

    /** Problems for cloud keys under a provider of another type, or of the wrong cloud. */
    static void checkKeys(String type, Section p) {
        Set<String> mine = type == null ? Set.of() : KEYS.getOrDefault(type, Set.of());
        for (String k : CLOUD_ONLY) {
            if (p.has(k) && !mine.contains(k)) {
                p.problem(k, "\"" + k + "\" does not apply to type " + type + " (it is for "
                        + String.join(", ", KEYS.entrySet().stream().filter(e -> e.getValue().contains(k))
                        .map(Map.Entry::getKey).sorted().toList()) + ")");
            }
        }
    }

    static CloudConfig read(String type, Section p, Path baseDir) {
        return switch (type) {
            case "azure" -> azure(p);
            case "bedrock" -> bedrock(p, baseDir);
            case "vertex" -> vertex(p, baseDir);
            default -> null;
        };
    }

    private static CloudConfig.Azure azure(Section p) {
        if (!p.has("base_url")) {
            p.ctx.problem(p.pathOf("base_url"), p.loc, "is required for type azure: the resource endpoint, e.g."
                    + " https://my-resource.openai.azure.com or https://my-resource.services.ai.azure.com");
        }
        String version = p.str("api_version", null);
        if (version != null && !API_VERSION.matcher(version).matches()) {
            p.problem("api_version", "must be a dated version like 2024-10-21 or 2025-04-01-preview (leave it out"
                    + " for the v1 API), got \"" + version + "\"");
        }
        if ("v1".equals(version)) {
            version = null;
        }
        String region = region(p, AZURE_REGION, "an Azure region like swedencentral or eastus2");
        if (p.has("api_key")) {
            for (String k : List.of("tenant_id", "client_id", "client_secret")) {
                if (p.has(k)) {
                    p.problem(k, "\"" + k + "\" is for Microsoft Entra ID sign-in; this provider has an api_key");
                }
            }
            return new CloudConfig.Azure(version, null, null, null, p.str("token_url", null), region);
        }
        String tenant = orEnv(p, "tenant_id", "AZURE_TENANT_ID");
        String client = orEnv(p, "client_id", "AZURE_CLIENT_ID");
        String secret = orEnv(p, "client_secret", "AZURE_CLIENT_SECRET");
        if (tenant == null || client == null || secret == null) {
            p.ctx.problem(p.path, p.loc, "a provider of type azure needs api_key, or Microsoft Entra ID client"
                    + " credentials (tenant_id, client_id and client_secret; by default from AZURE_TENANT_ID,"
                    + " AZURE_CLIENT_ID and AZURE_CLIENT_SECRET)");
        }
        String tokenUrl = p.str("token_url", null);
        if (tokenUrl != null && !tokenUrl.startsWith("https://") && !tokenUrl.startsWith("http://")) {
            p.problem("token_url", "must be an http(s) URL");
        }
        return new CloudConfig.Azure(version, tenant, client, secret, tokenUrl, region);
    }

    private static CloudConfig.Bedrock bedrock(Section p, Path baseDir) {
        String region = region(p, AWS_REGION, "an AWS region like eu-central-1 or us-east-1");
        if (region == null && !p.has("region")) {
            p.ctx.problem(p.pathOf("region"), p.loc, "is required for type bedrock: the AWS region to call,"
                    + " e.g. eu-central-1");
        }
        String file = file(p, "credentials_file", baseDir);
        String profile = p.str("profile", null);
        if (file != null && profile == null) {
            profile = "default";
        }
        return new CloudConfig.Bedrock(region, profile, file);
    }

    private static CloudConfig.Vertex vertex(Section p, Path baseDir) {
        String project = p.str("project", null);
        if (project == null) {
            p.ctx.problem(p.pathOf("project"), p.loc, "is required for type vertex: the Google Cloud project id");
        } else if (!PROJECT.matcher(project).matches()) {
            p.problem("project", "is not a Google Cloud project id (6-30 of a-z, 0-9 and '-'), got \"" + project
                    + "\"");
        }
        String region = region(p, GCP_REGION, "a Google Cloud location like us-east5, europe-west1 or global");
        if (region == null && !p.has("region")) {
            p.ctx.problem(p.pathOf("region"), p.loc, "is required for type vertex: the location, e.g. us-east5,"
                    + " europe-west1 or global");
        }
        String tokenUrl = p.str("token_url", null);
        if (tokenUrl != null && !tokenUrl.startsWith("https://") && !tokenUrl.startsWith("http://")) {
            p.problem("token_url", "must be an http(s) URL");
        }
        return new CloudConfig.Vertex(project, region, file(p, "credentials_file", baseDir), tokenUrl);
    }

    private static String region(Section p, Pattern pattern, String example) {
        String r = p.str("region", null);
        if (r == null) {
            return null;
        }
        r = r.strip().toLowerCase(java.util.Locale.ROOT);
        if (!pattern.matcher(r).matches()) {
            p.problem("region", "must be " + example + ", got \"" + r + "\"");
            return null;
        }
        return r;
    }

    private static String orEnv(Section p, String key, String variable) {
        String v = p.str(key, null);
        if (v == null) {
            v = p.ctx.env.get(variable);
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String file(Section p, String key, Path baseDir) {
        String f = p.str(key, null);
        if (f == null || f.isBlank()) {
            return null;
        }
        return baseDir.resolve(f.strip()).normalize().toString();
    }
}
