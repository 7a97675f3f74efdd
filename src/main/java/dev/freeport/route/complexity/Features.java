package dev.freeport.route.complexity;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hand-made features next to the embedding: length, conversation size, tools, code, math, multi-part
 * structure and a few task cues. Each is a small number (logs of counts, shares); the model standardises them.
 * Cheap (regexes over at most {@link #MAX_SCAN} characters), pure and thread-safe.
 */
public final class Features {
    /** Only the first this many characters of the last user turn are scanned by the regexes. */
    static final int MAX_SCAN = 20_000;

    /** Names, in the order of {@link #of}: they are stored next to the weights and checked on load. */
    public static final List<String> NAMES = List.of(
            "log_user_chars", "log_total_words", "log_messages", "log_tools", "has_system", "code_fence",
            "code_lines_share", "log_math", "log_questions", "log_list_items", "log_reasoning_cues",
            "log_simple_cues", "non_ascii_share");

    private static final Pattern FENCE = Pattern.compile("```|~~~");
    private static final Pattern CODE_LINE = Pattern.compile(
            "(?m)^\\s*(?:def |class |public |private |func |fn |import |from \\S+ import|#include|package |"
                    + "let |const |var |return\\b|if\\s*\\(|for\\s*\\(|while\\s*\\(|SELECT\\b|\\}|@\\w+)"
                    + "|[;{]\\s*$|=>|->|::|\\)\\s*\\{");
    private static final Pattern MATH = Pattern.compile(
            "\\\\(?:frac|sum|int|sqrt|lim|prod|mathbb|forall|exists|le|ge|cdot)|[∑∫√∀∃≤≥≠∞πθλ]|\\^\\d|"
                    + "\\b[a-z]\\s*[=<>]\\s*[a-z0-9(]|\\b(?:O|Θ)\\(|\\bmod\\b|\\bn!");
    private static final Pattern QUESTION = Pattern.compile("[?？]");
    private static final Pattern LIST_ITEM = Pattern.compile("(?m)^\\s*(?:\\d+[.)]|[-*•]|\\([a-z]\\))\\s+");
    private static final Pattern REASONING = Pattern.compile(
            "(?i)\\b(?:prove|proof|derive|derivation|why|trade-?offs?|design|architect\\w*|optimi[sz]\\w*|"
                    + "debug\\w*|race|deadlock|concurren\\w*|complexity|invariant|edge cases?|step[- ]by[- ]step|"
                    + "analy[sz]\\w*|compare|constraints?|plan|strategy|root cause|migrat\\w*|scal\\w*|"
                    + "implement\\w*|algorithm\\w*|refactor\\w*|estimate|justify|counterexample)\\b");
    private static final Pattern SIMPLE = Pattern.compile(
            "(?i)\\b(?:translate|rephrase|rewrite|reword|summari[sz]e|fix (?:the )?(?:typo|grammar|spelling)|"
                    + "capitali[sz]e|format|convert|list|extract|classify|label|what is|who is|when (?:is|was|did)|"
                    + "spell|define|thanks?|thank you|hi|hello|hey|shorter|polite|tl;?dr)\\b");

    private Features() {
    }

    /** The feature vector of a request's text, in the order of {@link #NAMES}. */
    public static double[] of(RequestText t) {
        String user = t.lastUser().length() > MAX_SCAN ? t.lastUser().substring(0, MAX_SCAN) : t.lastUser();
        int lines = Math.max(1, (int) user.lines().count());
        int nonAscii = 0;
        for (int i = 0; i < user.length(); i++) {
            if (user.charAt(i) > 127) {
                nonAscii++;
            }
        }
        return new double[] {
            Math.log1p(t.lastUser().length()),
            Math.log1p(words(t.system()) + (double) t.totalChars() / 6.0),
            Math.log1p(t.messages()),
            Math.log1p(t.tools()),
            t.system().isBlank() ? 0 : 1,
            FENCE.matcher(user).find() ? 1 : 0,
            Math.min(1.0, (double) count(CODE_LINE, user) / lines),
            Math.log1p(count(MATH, user)),
            Math.log1p(count(QUESTION, user)),
            Math.log1p(count(LIST_ITEM, user)),
            Math.log1p(count(REASONING, user)),
            Math.log1p(count(SIMPLE, user)),
            user.isEmpty() ? 0 : (double) nonAscii / user.length(),
        };
    }

    private static int words(String s) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            boolean w = !Character.isWhitespace(s.charAt(i));
            if (w && !in) {
                n++;
            }
            in = w;
        }
        return n;
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find() && n < 1000) {
            n++;
        }
        return n;
    }
}
