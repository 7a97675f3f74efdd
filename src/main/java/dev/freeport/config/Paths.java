package dev.freeport.config;

import java.util.regex.Pattern;

/** Builds the dotted paths used in problems, e.g. {@code models[1].targets[0].provider}. */
final class Paths {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private Paths() {
    }

    static String key(String parent, String key) {
        if (!PLAIN.matcher(key).matches()) {
            return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** The name of the last key in a path ("" for an index or the root). */
    static String lastName(String path) {
        if (path.endsWith("\"]")) {
            int start = path.lastIndexOf("[\"");
            return start < 0 ? "" : path.substring(start + 2, path.length() - 2);
        }
        if (path.endsWith("]")) {
            return "";
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /**
     * Whether a field holds a secret whose value must never appear in a message: names with key, secret, token
     * (not "tokens", a count), password or auth in them.
     */
    static boolean isSecret(String path) {
        String n = lastName(path).toLowerCase(java.util.Locale.ROOT);
        if (n.contains("key") || n.contains("secret") || n.contains("password") || n.contains("passwd")
                || n.contains("auth") || n.contains("credential") || n.contains("cookie")) {
            return true;
        }
        int i = n.indexOf("token");
        while (i >= 0) {
            int after = i + 5;
            if (after >= n.length() || n.charAt(after) != 's') {
                return true;
            }
            i = n.indexOf("token", after);
        }
        return false;
    }
}
