package dev.freeport.catalog;

import java.util.Locale;
import java.util.Map;

/**
 * Where a cloud provider processes a request, from the cloud's region name (and, on Bedrock, the model id's
 * cross-region inference prefix): an ISO 3166 country code, "EU" or "US" for a geography that spans countries, or
 * null when the cloud may process it anywhere (Bedrock {@code global.}, Vertex {@code global}, an Azure Global
 * deployment) or the region is unknown. Regions from the clouds' published region lists (AWS "Regions and Zones",
 * Google Cloud "Vertex AI locations", Azure "Azure geographies"), read 2026-12-04.
 */
public final class CloudRegions {
    private static final Map<String, String> AWS = Map.ofEntries(
            Map.entry("us-east-1", "US"), Map.entry("us-east-2", "US"), Map.entry("us-west-1", "US"),
            Map.entry("us-west-2", "US"), Map.entry("us-gov-west-1", "US"), Map.entry("us-gov-east-1", "US"),
            Map.entry("ca-central-1", "CA"), Map.entry("ca-west-1", "CA"), Map.entry("mx-central-1", "MX"),
            Map.entry("sa-east-1", "BR"), Map.entry("eu-central-1", "DE"), Map.entry("eu-central-2", "CH"),
            Map.entry("eu-west-1", "IE"), Map.entry("eu-west-2", "GB"), Map.entry("eu-west-3", "FR"),
            Map.entry("eu-north-1", "SE"), Map.entry("eu-south-1", "IT"), Map.entry("eu-south-2", "ES"),
            Map.entry("ap-northeast-1", "JP"), Map.entry("ap-northeast-2", "KR"), Map.entry("ap-northeast-3", "JP"),
            Map.entry("ap-south-1", "IN"), Map.entry("ap-south-2", "IN"), Map.entry("ap-southeast-1", "SG"),
            Map.entry("ap-southeast-2", "AU"), Map.entry("ap-southeast-3", "ID"), Map.entry("ap-southeast-4", "AU"),
            Map.entry("ap-southeast-5", "MY"), Map.entry("ap-southeast-7", "TH"), Map.entry("ap-east-1", "HK"),
            Map.entry("me-south-1", "BH"), Map.entry("me-central-1", "AE"), Map.entry("il-central-1", "IL"),
            Map.entry("af-south-1", "ZA"));
    /** Bedrock cross-region inference profiles: the geography a prefixed model id is routed within. */
    private static final Map<String, String> AWS_GEOGRAPHY = Map.of("us", "US", "us-gov", "US", "eu", "EU",
            "jp", "JP", "au", "AU", "ca", "CA", "apac", "", "global", "");
    private static final Map<String, String> GCP = Map.ofEntries(
            Map.entry("northamerica-northeast1", "CA"), Map.entry("northamerica-northeast2", "CA"),
            Map.entry("southamerica-east1", "BR"), Map.entry("southamerica-west1", "CL"),
            Map.entry("europe-west1", "BE"), Map.entry("europe-west2", "GB"), Map.entry("europe-west3", "DE"),
            Map.entry("europe-west4", "NL"), Map.entry("europe-west6", "CH"), Map.entry("europe-west8", "IT"),
            Map.entry("europe-west9", "FR"), Map.entry("europe-west10", "DE"), Map.entry("europe-west12", "IT"),
            Map.entry("europe-north1", "FI"), Map.entry("europe-north2", "SE"), Map.entry("europe-central2", "PL"),
            Map.entry("europe-southwest1", "ES"), Map.entry("asia-east1", "TW"), Map.entry("asia-east2", "HK"),
            Map.entry("asia-northeast1", "JP"), Map.entry("asia-northeast2", "JP"),
            Map.entry("asia-northeast3", "KR"), Map.entry("asia-south1", "IN"), Map.entry("asia-south2", "IN"),
            Map.entry("asia-southeast1", "SG"), Map.entry("asia-southeast2", "ID"),
            Map.entry("australia-southeast1", "AU"), Map.entry("australia-southeast2", "AU"),
            Map.entry("me-west1", "IL"), Map.entry("me-central1", "QA"), Map.entry("me-central2", "SA"),
            Map.entry("africa-south1", "ZA"));
    private static final Map<String, String> AZURE = Map.ofEntries(
            Map.entry("swedencentral", "SE"), Map.entry("westeurope", "NL"), Map.entry("northeurope", "IE"),
            Map.entry("francecentral", "FR"), Map.entry("germanywestcentral", "DE"), Map.entry("italynorth", "IT"),
            Map.entry("polandcentral", "PL"), Map.entry("spaincentral", "ES"), Map.entry("norwayeast", "NO"),
            Map.entry("switzerlandnorth", "CH"), Map.entry("switzerlandwest", "CH"), Map.entry("uksouth", "GB"),
            Map.entry("ukwest", "GB"), Map.entry("eastus", "US"), Map.entry("eastus2", "US"),
            Map.entry("westus", "US"), Map.entry("westus2", "US"), Map.entry("westus3", "US"),
            Map.entry("centralus", "US"), Map.entry("northcentralus", "US"), Map.entry("southcentralus", "US"),
            Map.entry("canadaeast", "CA"), Map.entry("canadacentral", "CA"), Map.entry("brazilsouth", "BR"),
            Map.entry("japaneast", "JP"), Map.entry("japanwest", "JP"), Map.entry("koreacentral", "KR"),
            Map.entry("australiaeast", "AU"), Map.entry("centralindia", "IN"), Map.entry("southindia", "IN"),
            Map.entry("southeastasia", "SG"), Map.entry("eastasia", "HK"), Map.entry("uaenorth", "AE"),
            Map.entry("southafricanorth", "ZA"), Map.entry("qatarcentral", "QA"));

    private CloudRegions() {
    }

    /**
     * @param type   the provider type: "bedrock", "vertex" or "azure"
     * @param region the cloud's region name as configured (Azure also takes a data-zone code such as "eu")
     * @param model  the upstream model id (Bedrock inference-profile prefixes and ARNs are read from it)
     */
    public static String processingRegion(String type, String region, String model) {
        String r = region == null ? null : region.strip().toLowerCase(Locale.ROOT);
        return switch (type == null ? "" : type) {
            case "bedrock" -> bedrock(r, model);
            case "vertex" -> r == null || r.equals("global") ? null : r.startsWith("us-") ? "US" : GCP.get(r);
            case "azure" -> r == null ? null : r.length() == 2 ? r.toUpperCase(Locale.ROOT) : AZURE.get(r);
            default -> null;
        };
    }

    /**
     * The name a cloud's model has in the catalog: a Bedrock inference profile ("eu.anthropic.claude-…", an ARN
     * of one) is priced as its model ("anthropic.claude-…"); other names are unchanged.
     */
    public static String catalogModel(String type, String model) {
        if (!"bedrock".equals(type) || model == null) {
            return model;
        }
        String id = model.strip();
        if (id.startsWith("arn:")) {
            String[] parts = id.split(":", 6);
            if (parts.length == 6) {
                int slash = parts[5].indexOf('/');
                id = slash < 0 ? parts[5] : parts[5].substring(slash + 1);
            }
        }
        int dot = id.indexOf('.');
        return dot > 0 && AWS_GEOGRAPHY.containsKey(id.substring(0, dot).toLowerCase(Locale.ROOT))
                ? id.substring(dot + 1) : id;
    }

    private static String bedrock(String region, String model) {
        String id = model == null ? "" : model.strip();
        if (id.startsWith("arn:")) {
            String[] parts = id.split(":", 6);
            if (parts.length == 6) {
                region = parts[3].isEmpty() ? region : parts[3];
                int slash = parts[5].indexOf('/');
                id = slash < 0 ? parts[5] : parts[5].substring(slash + 1);
            }
        }
        int dot = id.indexOf('.');
        if (dot > 0) {
            String geography = AWS_GEOGRAPHY.get(id.substring(0, dot).toLowerCase(Locale.ROOT));
            if (geography != null) {
                return geography.isEmpty() ? null : geography;
            }
        }
        return region == null ? null : AWS.get(region);
    }
}
