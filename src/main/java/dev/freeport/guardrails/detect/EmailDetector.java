package dev.freeport.guardrails.detect;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Email addresses: a local part of {@code A-Za-z0-9._%+'-}, '@', two or more domain labels and an alphabetic
 * top-level label. Not flagged: reserved example domains (example.com/.net/.org, .example, .test, .invalid,
 * .localhost), file names like {@code icon@2x.png}, versions like {@code pkg@1.2.3}, scoped packages
 * ({@code @types/node}), decorators, and scp-style Git remotes ({@code git@github.com:org/repo}).
 */
public final class EmailDetector implements Detector {
    private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "ico",
            "js", "mjs", "ts", "tsx", "jsx", "css", "scss", "json", "yaml", "yml", "xml", "html", "md", "txt", "py",
            "java", "kt", "rb", "go", "rs", "sh", "lock", "pdf", "zip", "gz", "tar", "wasm", "map", "min", "bak");
    private static final Set<String> RESERVED = Set.of("example.com", "example.net", "example.org");
    private static final Set<String> RESERVED_TLDS = Set.of("example", "test", "invalid", "localhost", "local");

    @Override
    public Set<Kind> kinds() {
        return EnumSet.of(Kind.EMAIL);
    }

    @Override
    public void scan(String s, List<Finding> out) {
        int from = 0;
        for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', from)) {
            from = at + 1;
            int start = at;
            while (start > 0 && at - start < 64 && isLocalChar(s.charAt(start - 1))) {
                start--;
            }
            while (start < at && (s.charAt(start) == '.' || s.charAt(start) == '\'')) {
                start++;
            }
            if (start == at || s.charAt(at - 1) == '.' || isLocalChar(Chars.before(s, start))) {
                continue;
            }
            int end = domainEnd(s, at + 1);
            if (end < 0) {
                continue;
            }
            String domain = s.substring(at + 1, end).toLowerCase(Locale.ROOT);
            String tld = domain.substring(domain.lastIndexOf('.') + 1);
            if (FILE_EXTENSIONS.contains(tld) || RESERVED_TLDS.contains(tld) || RESERVED.contains(domain)
                    || domain.endsWith(".example.com") || scpRemote(s, end)) {
                continue;
            }
            out.add(new Finding(Kind.EMAIL, start, end));
            from = end;
        }
    }

    private static boolean isLocalChar(char c) {
        return Chars.isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
    }

    /** The end of a domain of two or more labels with an alphabetic top-level label of 2-24 letters, or -1. */
    private static int domainEnd(String s, int i) {
        int labels = 0;
        int j = i;
        int lastLabel = i;
        while (true) {
            int k = j;
            while (k < s.length() && k - j < 63 && (Chars.isAlnum(s.charAt(k)) || s.charAt(k) == '-')) {
                k++;
            }
            if (k == j || s.charAt(j) == '-' || s.charAt(k - 1) == '-') {
                break;
            }
            labels++;
            lastLabel = j;
            j = k;
            if (Chars.at(s, j) == '.' && Chars.isAlnum(Chars.at(s, j + 1))) {
                j++;
            } else {
                break;
            }
        }
        if (labels < 2) {
            return -1;
        }
        char after = Chars.at(s, j);
        if (Chars.isWord(after) || after == '@') {
            return -1;
        }
        for (int k = lastLabel; k < j; k++) {
            if (!Chars.isAsciiLetter(s.charAt(k))) {
                return -1;
            }
        }
        return j - lastLabel >= 2 && j - lastLabel <= 24 ? j : -1;
    }

    /** "git@github.com:org/repo.git": a host followed by ':' and a path is a remote, not a mailbox. */
    private static boolean scpRemote(String s, int end) {
        return Chars.at(s, end) == ':' && (Chars.isWord(Chars.at(s, end + 1)) || Chars.at(s, end + 1) == '/');
    }
}
