package dev.freeport.guardrails.testset;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The generated half of the labelled set: sentences, code and config lines around fake values, positives
 * marked {@code ⟦KIND:value⟧}, and generated hard negatives (unmarked). Deterministic for a seed. Run
 * {@link #main} to print it.
 */
public final class SyntheticSamples {
    private static final int PER_TEMPLATE = 3;

    private SyntheticSamples() {
    }

    static String m(String kind, String value) {
        return "⟦" + kind + ":" + value + "⟧";
    }

    public static List<String> lines(long seed) {
        FakeValues f = new FakeValues(seed);
        List<Function<FakeValues, String>> t = new ArrayList<>();
        t.add(v -> "client = OpenAI(api_key=\"" + m("OPENAI_KEY", v.openAiProject()) + "\")");
        t.add(v -> "my old key " + m("OPENAI_KEY", v.openAiLegacy()) + " stopped working, why?");
        t.add(v -> "export ANTHROPIC_API_KEY=" + m("ANTHROPIC_KEY", v.anthropic()));
        t.add(v -> "headers = {\"x-api-key\": \"" + m("ANTHROPIC_KEY", v.anthropic()) + "\"}");
        t.add(v -> "base_url=https://api.deepseek.com key=" + m("AI_VENDOR_KEY", v.aiVendor()));
        t.add(v -> "Use " + m("AI_VENDOR_KEY", v.aiVendor()) + " for the fallback provider.");
        t.add(v -> "GEMINI_API_KEY: " + m("GOOGLE_API_KEY", v.google()));
        t.add(v -> "https://maps.googleapis.com/maps/api/geocode/json?address=x&key=" + m("GOOGLE_API_KEY", v.google()));
        t.add(v -> "[default]\\naws_access_key_id = " + m("AWS_ACCESS_KEY_ID", v.awsId())
                + "\\naws_secret_access_key = " + m("AWS_SECRET_KEY", v.awsSecret()));
        t.add(v -> "AWS creds " + m("AWS_ACCESS_KEY_ID", v.awsId()) + " / " + m("AWS_SECRET_KEY", v.awsSecret()));
        t.add(v -> "git clone https://x-access-token:" + m("GITHUB_TOKEN", v.github()) + "@github.com/acme/app.git");
        t.add(v -> "GH_TOKEN=" + m("GITHUB_TOKEN", v.github()) + " gh pr list");
        t.add(v -> "curl --header \"PRIVATE-TOKEN: " + m("GITLAB_TOKEN", v.gitlab()) + "\" https://gitlab.com/api/v4/projects");
        t.add(v -> "SLACK_BOT_TOKEN=" + m("SLACK_TOKEN", v.slack()));
        t.add(v -> "the bot uses " + m("SLACK_TOKEN", v.slack()) + " to post alerts");
        t.add(v -> "stripe.api_key = \"" + m("STRIPE_KEY", v.stripe()) + "\"");
        t.add(v -> "huggingface-cli login --token " + m("HUGGINGFACE_TOKEN", v.huggingFace()));
        t.add(v -> "DefaultEndpointsProtocol=https;AccountName=acmestore;AccountKey="
                + m("AZURE_KEY", v.azureStorageKey()) + ";EndpointSuffix=core.windows.net");
        t.add(v -> "AZURE_CLIENT_SECRET=" + m("AZURE_KEY", v.azureAdSecret()));
        t.add(v -> "//registry.npmjs.org/:_authToken=" + m("SERVICE_TOKEN", v.serviceToken()));
        t.add(v -> "key file:\\n" + m("PRIVATE_KEY", v.privateKey(v.pick("RSA PRIVATE KEY", "PRIVATE KEY",
                "OPENSSH PRIVATE KEY", "EC PRIVATE KEY"))) + "\\nplease check the format");
        t.add(v -> "Authorization: Bearer " + m("JWT", v.jwt()));
        t.add(v -> "why is this token rejected: " + m("JWT", v.jwt()) + " ?");
        t.add(v -> "DATABASE_URL=postgres://app:" + m("URL_PASSWORD", v.password()) + "@db.internal:5432/orders");
        t.add(v -> "redis://default:" + m("URL_PASSWORD", v.password()) + "@cache-01.prod.acme.net:6379/0 times out");
        t.add(v -> "api_key = \"" + m("GENERIC_SECRET", v.secretValue()) + "\"");
        t.add(v -> "{\"client_secret\": \"" + m("GENERIC_SECRET", v.secretValue()) + "\", \"client_id\": \"web\"}");
        t.add(v -> "DB_PASSWORD=" + m("GENERIC_SECRET", v.password()));
        t.add(v -> "  password: \"" + m("GENERIC_SECRET", v.password()) + "\"");
        t.add(v -> "Please email " + m("EMAIL", v.email()) + " about the refund.");
        t.add(v -> "From: " + m("EMAIL", v.email()) + "\\nTo: " + m("EMAIL", v.email()));
        t.add(v -> "{\"user\": {\"email\": \"" + m("EMAIL", v.email()) + "\", \"plan\": \"pro\"}}");
        t.add(v -> "Call me on " + m("PHONE", v.phone()) + " after 5pm.");
        t.add(v -> "Customer phone: " + m("PHONE", v.phone()) + ", order 4471");
        t.add(v -> "Card: " + m("PAYMENT_CARD", v.card(true)) + " exp 09/28");
        t.add(v -> "charge " + m("PAYMENT_CARD", v.card(true)) + " for the annual plan");
        t.add(v -> "Please transfer to " + m("IBAN", v.iban(true)) + " by Friday.");
        t.add(v -> "IBAN: " + m("IBAN", v.iban(true)) + " BIC: COBADEFFXXX");
        t.add(v -> "SSN " + m("US_SSN", v.ssn()) + " on the W-2 form");
        t.add(v -> "Applicant social security number: " + m("US_SSN", v.ssn()) + ".");
        t.add(v -> "login from " + m("IP_ADDRESS", v.publicIpv4()) + " failed 3 times");
        t.add(v -> "client_ip=" + m("IP_ADDRESS", v.publicIpv4()) + " user_agent=curl/8.4.0");
        t.add(v -> "the server answers on " + m("IP_ADDRESS", v.publicIpv6()) + " only");
        t.add(SyntheticSamples::negative);
        t.add(SyntheticSamples::negative);
        t.add(SyntheticSamples::negative);
        t.add(SyntheticSamples::negative);
        t.add(SyntheticSamples::negative);
        t.add(SyntheticSamples::negative);
        List<String> out = new ArrayList<>();
        for (Function<FakeValues, String> template : t) {
            for (int i = 0; i < PER_TEMPLATE; i++) {
                out.add(template.apply(f));
            }
        }
        return out;
    }

    /** Generated hard negatives: hashes, ids, invalid checksums, versions, dates, private addresses. */
    static String negative(FakeValues v) {
        return switch (v.rnd.nextInt(16)) {
            case 0 -> "request id " + v.uuid() + " timed out";
            case 1 -> "fixed in commit " + v.chars(FakeValues.HEX, 40) + " (see PR #" + v.between(10, 9999) + ")";
            case 2 -> "sha256:" + v.chars(FakeValues.HEX, 64);
            case 3 -> "const logo = \"data:image/png;base64," + v.chars(FakeValues.B64, 120) + "==\";";
            case 4 -> "upgrade from " + v.between(1, 9) + "." + v.between(0, 30) + "." + v.between(0, 20) + " to "
                    + v.between(1, 9) + "." + v.between(0, 30) + "." + v.between(0, 20);
            case 5 -> "meeting on 20" + v.between(10, 30) + "-0" + v.between(1, 9) + "-1" + v.between(0, 9) + " at "
                    + v.between(10, 18) + ":" + v.between(10, 59);
            case 6 -> "order number " + v.digits(12) + " shipped";
            case 7 -> "card " + v.card(false) + " was declined";
            case 8 -> "IBAN " + v.iban(false) + " is rejected by the bank";
            case 9 -> "ssn " + v.pick("000", "666", "9" + v.digits(2)) + "-" + v.digits(2).replace("00", "12") + "-"
                    + v.between(1000, 9999) + " is not valid";
            case 10 -> "connect to 10." + v.between(0, 255) + "." + v.between(0, 255) + "." + v.between(1, 254)
                    + " or 192.168.1." + v.between(1, 254);
            case 11 -> "etag: \"" + v.chars(FakeValues.HEX, 32) + "\"";
            case 12 -> "total: " + v.between(1, 999) + "," + v.digits(3) + "." + v.digits(2) + " USD for "
                    + v.between(2, 40) + " seats";
            case 13 -> "session_id=" + v.uuid() + "; trace_id=" + v.chars(FakeValues.HEX, 32);
            case 14 -> "ISBN 978-" + v.between(0, 9) + "-" + v.digits(3) + "-" + v.digits(5) + "-" + v.between(0, 9);
            default -> "the model returned " + v.between(1000, 9999) + " tokens in " + v.between(1, 9) + "."
                    + v.digits(2) + " s";
        };
    }

    public static void main(String[] args) {
        lines(args.length > 0 ? Long.parseLong(args[0]) : LabelledSet.SEED).forEach(System.out::println);
    }
}
