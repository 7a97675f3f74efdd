package dev.freeport.guardrails.detect;

import java.util.List;

import static dev.freeport.guardrails.detect.TokenRule.Body.*;

/**
 * The prefixed credentials Freeport knows (formats as the vendors publish them or as their keys are seen):
 * body lengths are ranges where vendors have changed lengths over time.
 */
final class TokenRules {
    private TokenRules() {
    }

    static final List<TokenRule> ALL = List.of(
            // OpenAI: project, service-account and admin keys; legacy user keys carry "T3BlbkFJ" (base64 of "OpenAI")
            TokenRule.of("sk-proj-", BASE64URL, 40, 300, Kind.OPENAI_KEY),
            TokenRule.of("sk-svcacct-", BASE64URL, 40, 300, Kind.OPENAI_KEY),
            TokenRule.of("sk-admin-", BASE64URL, 40, 300, Kind.OPENAI_KEY),
            TokenRule.of("sk-ant-", BASE64URL, 80, 200, TokenRules::anthropic),
            // other "sk-" keys: DeepSeek and DashScope (32 hex), Moonshot (48 alphanumerics), legacy OpenAI (48)
            TokenRule.of("sk-or-v1-", HEX_LOWER, 64, 64, Kind.AI_VENDOR_KEY),
            TokenRule.of("sk-", ALNUM, 32, 64, t -> t.contains("T3BlbkFJ") ? Kind.OPENAI_KEY
                    : randomLooking(t, 3) ? Kind.AI_VENDOR_KEY : null),
            TokenRule.of("gsk_", ALNUM, 48, 56, Kind.AI_VENDOR_KEY),       // Groq
            TokenRule.of("xai-", ALNUM, 70, 90, Kind.AI_VENDOR_KEY),       // xAI
            TokenRule.of("pplx-", ALNUM, 40, 60, Kind.AI_VENDOR_KEY),      // Perplexity
            TokenRule.of("r8_", ALNUM, 36, 40, Kind.AI_VENDOR_KEY),        // Replicate
            TokenRule.of("nvapi-", BASE64URL, 60, 70, Kind.AI_VENDOR_KEY), // NVIDIA
            // Google API keys (Gemini, Maps...) and OAuth client secrets
            TokenRule.of("AIza", BASE64URL, 35, 35, Kind.GOOGLE_API_KEY),
            TokenRule.of("GOCSPX-", BASE64URL, 28, 28, Kind.GOOGLE_API_KEY),
            // AWS access key ids: long-term (AKIA), temporary (ASIA) and the rarer ABIA/ACCA
            TokenRule.of("AKIA", UPPER_ALNUM, 16, 16, TokenRules::aws),
            TokenRule.of("ASIA", UPPER_ALNUM, 16, 16, TokenRules::aws),
            TokenRule.of("ABIA", UPPER_ALNUM, 16, 16, TokenRules::aws),
            TokenRule.of("ACCA", UPPER_ALNUM, 16, 16, TokenRules::aws),
            // GitHub: classic tokens (personal, OAuth, user-to-server, server-to-server, refresh), fine-grained PATs
            TokenRule.of("ghp_", ALNUM, 36, 36, Kind.GITHUB_TOKEN),
            TokenRule.of("gho_", ALNUM, 36, 36, Kind.GITHUB_TOKEN),
            TokenRule.of("ghu_", ALNUM, 36, 36, Kind.GITHUB_TOKEN),
            TokenRule.of("ghs_", ALNUM, 36, 36, Kind.GITHUB_TOKEN),
            TokenRule.of("ghr_", ALNUM, 36, 36, Kind.GITHUB_TOKEN),
            TokenRule.of("github_pat_", ALNUM_UNDERSCORE, 82, 82, t -> t.charAt(11 + 22) == '_'
                    ? Kind.GITHUB_TOKEN : null),
            // GitLab: personal, deploy, runner, pipeline-trigger, CI-build, OAuth, feed, SCIM tokens
            TokenRule.of("glpat-", BASE64URL_DOT, 20, 80, Kind.GITLAB_TOKEN),
            TokenRule.of("gldt-", BASE64URL_DOT, 20, 80, Kind.GITLAB_TOKEN),
            TokenRule.of("glrt-", BASE64URL_DOT, 20, 80, Kind.GITLAB_TOKEN),
            TokenRule.of("glptt-", BASE64URL_DOT, 20, 80, Kind.GITLAB_TOKEN),
            TokenRule.of("glcbt-", BASE64URL_DOT, 20, 80, Kind.GITLAB_TOKEN),
            TokenRule.of("gloas-", BASE64URL_DOT, 20, 80, Kind.GITLAB_TOKEN),
            TokenRule.of("glft-", BASE64URL_DOT, 20, 80, Kind.GITLAB_TOKEN),
            TokenRule.of("glsoat-", BASE64URL_DOT, 20, 80, Kind.GITLAB_TOKEN),
            // Slack: bot, user, app-level, refresh and config tokens; incoming-webhook URLs
            TokenRule.of("xoxb-", ALNUM_DASH, 20, 250, TokenRules::slack),
            TokenRule.of("xoxp-", ALNUM_DASH, 20, 250, TokenRules::slack),
            TokenRule.of("xoxa-", ALNUM_DASH, 20, 250, TokenRules::slack),
            TokenRule.of("xoxe-", ALNUM_DASH, 20, 250, TokenRules::slack),
            TokenRule.of("xoxr-", ALNUM_DASH, 20, 250, TokenRules::slack),
            TokenRule.of("xoxs-", ALNUM_DASH, 20, 250, TokenRules::slack),
            TokenRule.of("xapp-", ALNUM_DASH, 20, 250, TokenRules::slack),
            TokenRule.of("https://hooks.slack.com/services/", SLACK_URL, 30, 120, t -> t.chars()
                    .filter(c -> c == '/').count() >= 5 ? Kind.SLACK_TOKEN : null),
            // Stripe: secret and restricted keys (live and test mode), webhook signing secrets
            TokenRule.of("sk_live_", ALNUM, 20, 247, Kind.STRIPE_KEY),
            TokenRule.of("sk_test_", ALNUM, 20, 247, Kind.STRIPE_KEY),
            TokenRule.of("rk_live_", ALNUM, 20, 247, Kind.STRIPE_KEY),
            TokenRule.of("rk_test_", ALNUM, 20, 247, Kind.STRIPE_KEY),
            TokenRule.of("whsec_", BASE64, 32, 64, Kind.STRIPE_KEY),
            // Hugging Face: user access tokens and organisation API tokens
            TokenRule.of("hf_", LETTERS, 34, 34, Kind.HUGGINGFACE_TOKEN),
            TokenRule.of("api_org_", LETTERS, 34, 34, Kind.HUGGINGFACE_TOKEN),
            // Azure storage and Service Bus keys in connection strings: only the value after '=' is secret
            new TokenRule("AccountKey=", BASE64, 86, 86, TokenRules::azureStorage, "AccountKey=".length()),
            new TokenRule("SharedAccessKey=", BASE64, 43, 44, TokenRules::azureStorage, "SharedAccessKey=".length()),
            // other services
            TokenRule.of("npm_", ALNUM, 36, 36, Kind.SERVICE_TOKEN),
            TokenRule.of("pypi-AgEIcHlwaS5vcmc", BASE64URL, 50, 300, Kind.SERVICE_TOKEN),
            TokenRule.of("SG.", BASE64URL_DOT, 66, 66, t -> t.charAt(3 + 22) == '.' ? Kind.SERVICE_TOKEN : null),
            TokenRule.of("dckr_pat_", BASE64URL, 27, 27, Kind.SERVICE_TOKEN),
            TokenRule.of("dop_v1_", HEX_LOWER, 64, 64, Kind.SERVICE_TOKEN),
            TokenRule.of("shpat_", HEX_LOWER, 32, 32, Kind.SERVICE_TOKEN),
            TokenRule.of("shpss_", HEX_LOWER, 32, 32, Kind.SERVICE_TOKEN),
            TokenRule.of("hvs.", BASE64URL, 24, 200, Kind.SERVICE_TOKEN),
            TokenRule.of("lin_api_", ALNUM, 40, 40, Kind.SERVICE_TOKEN),
            TokenRule.of("dapi", HEX_LOWER, 32, 32, t -> randomLooking(t, 3) ? Kind.SERVICE_TOKEN : null),
            TokenRule.of("AGE-SECRET-KEY-1", UPPER_ALNUM, 58, 58, Kind.SERVICE_TOKEN));

    private static Kind anthropic(String t) {
        // sk-ant-api03-..., sk-ant-admin01-..., sk-ant-oat01-...: a lowercase word, digits, then the key body
        int dash = t.indexOf('-', 7);
        return dash > 8 && dash < 20 ? Kind.ANTHROPIC_KEY : null;
    }

    private static Kind aws(String t) {
        return randomLooking(t.substring(4), 2.5) ? Kind.AWS_ACCESS_KEY_ID : null;
    }

    private static Kind slack(String t) {
        // the workspace and user/bot ids are numeric: a real token has dash-separated digit groups
        int digits = 0;
        for (int i = 5; i < t.length(); i++) {
            digits += Chars.isDigit(t.charAt(i)) ? 1 : 0;
        }
        return digits >= 6 && randomLooking(t.substring(5), 3) ? Kind.SLACK_TOKEN : null;
    }

    private static Kind azureStorage(String t) {
        String v = t.substring(t.indexOf('=') + 1);
        return randomLooking(v, 4) ? Kind.AZURE_KEY : null;
    }

    /** Not a documentation stand-in and at least {@code bits} of entropy per character. */
    static boolean randomLooking(String body, double bits) {
        return !Chars.looksLikePlaceholder(body) && Chars.entropy(body, 0, body.length()) >= bits;
    }
}
