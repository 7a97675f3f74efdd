package dev.freeport.guardrails.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Classifies the name on the left of {@code =} or {@code :}: a password, a token or key, or neither. */
final class KeyNames {
    enum Sort { PASSWORD, TOKEN, AWS_SECRET }

    private static final Set<String> PASSWORD_WORDS = Set.of("password", "passwd", "pwd", "pass", "passphrase",
            "pw", "passcode", "dbpassword", "dbpass", "userpassword", "adminpassword", "rootpassword");
    private static final Set<String> TOKEN_WORDS = Set.of("secret", "token", "apikey", "key", "auth",
            "authorization", "credential", "credentials", "bearer", "accesskey", "secretkey", "privatekey",
            "clientsecret", "authtoken", "accesstoken", "apitoken", "sessionkey", "signingkey", "apisecret",
            "refreshtoken", "secretaccesskey", "masterkey", "xapikey");
    /** Names that contain a token word but name something that is not a secret. */
    private static final Set<String> NOT_SECRET_WORDS = Set.of("public", "primary", "foreign", "sort", "partition",
            "cache", "idempotency", "dedup", "lookup", "tokens", "tokenizer", "max", "min", "unique", "composite",
            "hot", "short", "keyboard", "i18n", "translation", "object", "bucket", "s3", "pagination", "page",
            "next", "continuation", "cursor", "csrf", "xsrf", "registry", "map", "row", "cell", "jwks", "kid");
    /** A last word that makes the name describe a secret rather than hold one: api_key_id, token_type, ... */
    private static final Set<String> NOT_SECRET_TAILS = Set.of("id", "ids", "name", "names", "path", "file",
            "type", "length", "size", "len", "count", "prefix", "url", "uri", "ref", "version", "alias", "hash",
            "field", "index", "format", "header", "expires", "expiry", "ttl", "env", "var", "location", "dir",
            "store", "arn", "limit", "usage", "budget", "rotation", "policy", "hint", "label", "mode", "endpoint");

    private KeyNames() {
    }

    private static final String[] STEMS = {"key", "secret", "token", "pass", "pw", "auth", "cred", "bearer"};

    /** A cheap first look: false when the name holds none of the stems a secret's name has. */
    static boolean mayNameASecret(String name) {
        if (name.length() < 2) {
            return false;
        }
        for (String stem : STEMS) {
            int n = name.length() - stem.length();
            for (int i = 0; i <= n; i++) {
                if (name.regionMatches(true, i, stem, 0, stem.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Names seen before (JSON repeats its keys): bounded, so hostile input cannot grow it without end. */
    private static final int CACHE_LIMIT = 4096;
    private static final Map<String, Optional<Sort>> CACHE = new ConcurrentHashMap<>();

    /** The sort of secret the name announces, or null. */
    static Sort classify(String name) {
        Optional<Sort> cached = CACHE.get(name);
        if (cached != null) {
            return cached.orElse(null);
        }
        Sort sort = mayNameASecret(name) ? classifyUncached(name) : null;
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(name, Optional.ofNullable(sort));
        }
        return sort;
    }

    private static Sort classifyUncached(String name) {
        List<String> words = words(name);
        if (words.isEmpty() || NOT_SECRET_TAILS.contains(words.getLast())) {
            return null;
        }
        boolean password = false;
        boolean token = false;
        boolean aws = false;
        for (String w : words) {
            if (NOT_SECRET_WORDS.contains(w)) {
                return null;
            }
            password |= PASSWORD_WORDS.contains(w) || w.endsWith("password") || w.endsWith("passwd");
            token |= TOKEN_WORDS.contains(w) || w.endsWith("apikey") || w.endsWith("secret") || w.endsWith("token")
                    || w.endsWith("accesskey") || w.endsWith("secretkey");
            aws |= w.equals("aws") || w.equals("secretaccesskey") || w.startsWith("aws");
        }
        if (aws && token && String.join("", words).contains("secret")) {
            return Sort.AWS_SECRET;
        }
        return password ? Sort.PASSWORD : token ? Sort.TOKEN : null;
    }

    /** "OPENAI_API_KEY" → [openai, api, key]; "clientSecret" → [client, secret]; "x-api-key" → [x, api, key]. */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(w, out);
                continue;
            }
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
                flush(w, out);
            }
            w.append(c);
        }
        flush(w, out);
        return out;
    }

    private static void flush(StringBuilder w, List<String> out) {
        if (!w.isEmpty()) {
            out.add(w.toString().toLowerCase(Locale.ROOT));
            w.setLength(0);
        }
    }
}
