package dev.freeport.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking of secrets in every message about a config: problems ({@link ConfigProblem} masks its message
 * when made, so {@code config check}, {@code /admin/reload}'s answer and the SIGHUP line all get masked text), and
 * what {@code config check} prints. It hides
 * <ul>
 *   <li>credentials in URLs: {@code http://user:secret@host} becomes {@code http://user:***@host}, a user part
 *       without a password (often a token) becomes {@code ***};</li>
 *   <li>secret query parameters: {@code ?password=...}, {@code &api_key=...};</li>
 *   <li>the value after a secret field's name ({@link Paths#isSecret}: key, secret, token, password, auth, ...) in
 *       text such as the YAML parser's snippet of a line ({@code api_key: sk-...}), to the end of that line.</li>
 * </ul>
 */
public final class SecretMask {
    static final String MASK = "***";

    private static final Pattern URL_USERINFO = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@\\s\"'<>]*)@");
    private static final Pattern SECRET_PARAM = Pattern.compile("([?&;]([\\w.-]+)=)([^&;#\\s\"']+)");
    /** a field name, an optional closing quote, then ':' or '=' (the value follows, to the end of the line) */
    private static final Pattern FIELD_NAME = Pattern.compile("([\\w.-]+)[\"']?[ \\t]*[:=][ \\t]*");
    /** words that name no field when a message uses them in prose ("a mapping (key: value)") */
    private static final java.util.Set<String> PROSE = java.util.Set.of("key", "keys", "token");

    private SecretMask() {
    }

    /** {@code text} with every URL credential and secret value replaced by {@code ***}; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return fieldValues(params(userinfo(text)));
    }

    private static String userinfo(String text) {
        Matcher m = URL_USERINFO.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String info = m.group(2);
            int colon = info.indexOf(':');
            String masked = colon >= 0 ? info.substring(0, colon) + ":" + MASK : MASK;
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + masked + "@"));
        }
        return m.appendTail(b).toString();
    }

    private static String params(String text) {
        Matcher m = SECRET_PARAM.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String replacement = Paths.isSecret(m.group(2)) ? m.group(1) + MASK : m.group();
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(b).toString();
    }

    private static String fieldValues(String text) {
        Matcher m = FIELD_NAME.matcher(text);
        StringBuilder b = new StringBuilder();
        int done = 0;
        while (done < text.length() && m.find(done)) {
            int valueStart = m.end();
            int lineEnd = valueStart;
            while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            String value = text.substring(valueStart, lineEnd);
            String name = m.group(1);
            boolean variable = m.start() >= 2 && text.startsWith("${", m.start() - 2); // ${NAME:-default}
            boolean hide = !variable && !PROSE.contains(name.toLowerCase(java.util.Locale.ROOT)) && Paths.isSecret(name)
                    && !value.isBlank() && !alreadyHidden(value);
            if (hide) {
                b.append(text, done, valueStart).append(MASK);
                done = lineEnd;
            } else {
                b.append(text, done, valueStart);
                done = valueStart;
            }
        }
        return b.append(text, Math.min(done, text.length()), text.length()).toString();
    }

    /** Text Freeport writes after a secret's name on purpose ("(value hidden)", "***", "${VAR}", a set/unset). */
    private static boolean alreadyHidden(String value) {
        String v = value.strip();
        return v.startsWith(MASK) || v.startsWith("(value hidden)") || v.startsWith("${")
                || v.startsWith("\"${") || v.equals("set") || v.startsWith("set ") || v.startsWith("none");
    }
}
