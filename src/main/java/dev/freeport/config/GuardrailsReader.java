package dev.freeport.config;

import dev.freeport.config.YamlTree.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code guardrails:} section. Kind names are listed here because config depends on nothing but api and
 * error; {@code GuardrailsConfigTest} checks the list against the detectors' {@code Kind} enum.
 */
final class GuardrailsReader {
    static final Set<String> KEYS = ConfigLoader.keys("ip_addresses", "entropy_threshold", "allow", "rules");
    static final Set<String> ALLOW_KEYS = ConfigLoader.keys("values", "patterns");
    static final Set<String> RULE_KEYS = ConfigLoader.keys("trust", "data_class", "block", "mask", "pseudonymise",
            "pseudonymize");
    /** The detectors' kinds, as config names (Kind.configName()). */
    static final List<String> KINDS = List.of("private_key", "openai_key", "anthropic_key", "ai_vendor_key",
            "google_api_key", "aws_access_key_id", "aws_secret_key", "github_token", "gitlab_token", "slack_token",
            "stripe_key", "huggingface_token", "azure_key", "service_token", "jwt", "url_password", "generic_secret",
            "iban", "payment_card", "us_ssn", "email", "phone", "ip_address");
    /** Names of groups of kinds. */
    static final List<String> GROUPS = List.of("all", "secrets", "personal", "pii");

    private GuardrailsReader() {
    }

    static GuardrailsConfig read(Section s, RoutingConfig routing) {
        if (s.wrongKind()) {
            return GuardrailsConfig.NONE;
        }
        String ip = s.choice("ip_addresses", "public", List.of("public", "all"));
        double entropy = s.number("entropy_threshold", 3.0, 0, false, 8);
        Section allow = s.section("allow", ALLOW_KEYS);
        Set<String> values = new LinkedHashSet<>(RoutingReader.strings(allow, "values"));
        List<String> patterns = new ArrayList<>();
        for (String p : RoutingReader.strings(allow, "patterns")) {
            try {
                Pattern.compile(p);
                patterns.add(p);
            } catch (PatternSyntaxException e) {
                allow.problem("patterns", "not a regular expression: " + e.getDescription() + " in /" + p + "/");
            }
        }
        List<GuardrailsConfig.Rule> rules = new ArrayList<>();
        List<Node> items = s.list("rules");
        for (int i = 0; i < items.size(); i++) {
            Node n = items.get(i);
            String path = Paths.index(s.pathOf("rules"), i);
            Section r = Section.of(s.ctx, path, n, n.loc(), RULE_KEYS);
            if (r.wrongKind()) {
                continue;
            }
            GuardrailsConfig.Rule rule = rule(r, routing);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new GuardrailsConfig(ip == null ? "public" : ip, entropy, values, patterns, rules);
    }

    private static GuardrailsConfig.Rule rule(Section r, RoutingConfig routing) {
        Set<String> trust = new LinkedHashSet<>();
        for (String t : RoutingReader.strings(r, "trust")) {
            String low = t.toLowerCase(Locale.ROOT);
            if (low.equals("public-api") || low.equals("public_api")) {
                low = "public";
            }
            if (RoutingReader.TRUST.contains(low)) {
                trust.add(low);
            } else {
                r.problem("trust", "unknown trust level \"" + t + "\" (known: " + String.join(", ",
                        RoutingReader.TRUST) + ")" + Suggest.hint(low, RoutingReader.TRUST));
            }
        }
        Set<String> classes = new LinkedHashSet<>();
        for (String c : RoutingReader.strings(r, "data_class")) {
            if (routing.dataClasses().containsKey(c)) {
                classes.add(c);
            } else {
                r.problem("data_class", "unknown data class \"" + c + "\"" + (routing.dataClasses().isEmpty()
                        ? " (none is defined: define it under routing.data_classes)"
                        : " (defined under routing.data_classes: " + String.join(", ",
                        routing.dataClasses().keySet()) + ")"));
            }
        }
        Map<String, List<String>> actions = new LinkedHashMap<>();
        for (String action : List.of("block", "mask", "pseudonymise", "pseudonymize")) {
            if (!r.has(action)) {
                continue;
            }
            List<String> kinds = new ArrayList<>();
            for (String k : RoutingReader.strings(r, action)) {
                String low = k.toLowerCase(Locale.ROOT).replace('-', '_');
                if (KINDS.contains(low) || GROUPS.contains(low)) {
                    kinds.add(low);
                } else {
                    List<String> known = new ArrayList<>(GROUPS);
                    known.addAll(KINDS);
                    r.problem(action, "unknown kind \"" + k + "\" (groups: " + String.join(", ", GROUPS)
                            + "; kinds: " + String.join(", ", KINDS) + ")" + Suggest.hint(low, known));
                }
            }
            actions.merge(action.equals("pseudonymize") ? "pseudonymise" : action, kinds, (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            });
        }
        if (actions.isEmpty()) {
            r.ctx.problem(r.path, r.loc, "a rule needs at least one of block, mask, pseudonymise (each a list of "
                    + "kinds or groups)");
            return null;
        }
        return new GuardrailsConfig.Rule(trust, classes, actions);
    }
}
