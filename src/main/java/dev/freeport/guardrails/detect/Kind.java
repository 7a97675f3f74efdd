package dev.freeport.guardrails.detect;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a finding is. A closed list, so counts by kind are bounded labels for the ledger and metrics. The
 * {@link #label()} is the placeholder stem ({@code [EMAIL]}, {@code <<EMAIL_1>>}) and the config name
 * ({@code email}); {@link #description()} is the phrase a 403 uses.
 */
public enum Kind {
    PRIVATE_KEY(Group.SECRET, "a private key block"),
    OPENAI_KEY(Group.SECRET, "an OpenAI API key"),
    ANTHROPIC_KEY(Group.SECRET, "an Anthropic API key"),
    AI_VENDOR_KEY(Group.SECRET, "an AI vendor API key"),
    GOOGLE_API_KEY(Group.SECRET, "a Google API key"),
    AWS_ACCESS_KEY_ID(Group.SECRET, "an AWS access key id"),
    AWS_SECRET_KEY(Group.SECRET, "an AWS secret access key"),
    GITHUB_TOKEN(Group.SECRET, "a GitHub token"),
    GITLAB_TOKEN(Group.SECRET, "a GitLab token"),
    SLACK_TOKEN(Group.SECRET, "a Slack token"),
    STRIPE_KEY(Group.SECRET, "a Stripe secret key"),
    HUGGINGFACE_TOKEN(Group.SECRET, "a Hugging Face token"),
    AZURE_KEY(Group.SECRET, "an Azure key"),
    SERVICE_TOKEN(Group.SECRET, "a service API token"),
    JWT(Group.SECRET, "a JSON web token"),
    URL_PASSWORD(Group.SECRET, "a password in a URL"),
    GENERIC_SECRET(Group.SECRET, "a secret value"),
    IBAN(Group.PERSONAL, "an IBAN"),
    PAYMENT_CARD(Group.PERSONAL, "a payment card number"),
    US_SSN(Group.PERSONAL, "a US social security number"),
    EMAIL(Group.PERSONAL, "an email address"),
    PHONE(Group.PERSONAL, "a phone number"),
    IP_ADDRESS(Group.PERSONAL, "an IP address");

    /** Secrets (credentials) or personal data. */
    public enum Group { SECRET, PERSONAL }

    private final Group group;
    private final String description;
    private final String label;

    Kind(Group group, String description) {
        this.group = group;
        this.description = description;
        this.label = name();
    }

    public Group group() {
        return group;
    }

    /** "an email address": for messages, never containing the value. */
    public String description() {
        return description;
    }

    /** "EMAIL": the placeholder stem. */
    public String label() {
        return label;
    }

    /** "email": the name in config and metrics. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "email", "EMAIL", "e-mail"... tolerant of case and '-'; null when unknown. */
    public static Kind parse(String s) {
        if (s == null) {
            return null;
        }
        String n = s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Kind k : values()) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        return null;
    }

    /**
     * A config name for a set of kinds: a kind ("email", "openai_key"), or a group: "secrets", "personal" (or
     * "pii"), "all". Null when unknown.
     */
    public static Set<Kind> named(String s) {
        if (s == null) {
            return null;
        }
        String n = s.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "all" -> EnumSet.allOf(Kind.class);
            case "secrets", "secret" -> group(Group.SECRET);
            case "personal", "pii", "personal_data" -> group(Group.PERSONAL);
            default -> {
                Kind k = parse(n);
                yield k == null ? null : EnumSet.of(k);
            }
        };
    }

    private static Set<Kind> group(Group g) {
        Set<Kind> out = EnumSet.noneOf(Kind.class);
        for (Kind k : values()) {
            if (k.group == g) {
                out.add(k);
            }
        }
        return out;
    }
}
