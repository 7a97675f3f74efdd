package dev.freeport.lab;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The language of a text, coarsely, for the check "the answer is in the prompt's language": by script first (Han
 * with kana is Japanese, Han alone Chinese, Hangul Korean, Cyrillic Russian, Arabic, Devanagari Hindi, Thai, Greek,
 * Hebrew), then, for Latin script, by which language's commonest function words (two points each) and typical
 * spellings and endings (one point each) the text has most (English, French, German, Spanish, Portuguese, Italian,
 * Dutch). Code blocks, inline code and URLs are left out first. "Unknown" (null), which never fails the check: text
 * that still looks like code (more than 6 % of its characters are brackets, operators and the like), too little
 * text, or no clear winner (the winner needs two function words and a lead over the next). Measured on labelled sets
 * in the tests ({@code LanguagesTest}). A library was weighed and not taken: Lingua resolves from Maven Central but
 * weighs 80 MB (plus Kotlin, Moshi and fastutil) and keeps its n-gram models on the heap of the gateway, whose canary
 * watcher runs this check; optimaize's language-detector has had no release since 2016.
 */
final class Languages {
    private static final Pattern CODE = Pattern.compile("```.*?(```|$)|`[^`\\n]*`|https?://\\S+", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    static final int MIN_LETTERS = 12;
    private static final int MIN_WORDS = 4;

    private static final Map<String, Set<String>> STOP = Map.of(
            "en", Set.of("the", "and", "is", "are", "of", "to", "in", "that", "it", "with", "for", "this", "you",
                    "was", "be", "have", "not", "on", "what", "how", "can", "i", "my", "your", "will", "would", "if",
                    "do", "does", "there", "here", "no", "longer", "because", "before", "about", "into", "out"),
            "fr", Set.of("le", "la", "les", "et", "est", "des", "une", "un", "que", "qui", "dans", "pour", "pas",
                    "avec", "sur", "du", "au", "je", "vous", "nous", "il", "ce", "cette", "sont", "mais", "ne", "de",
                    "mon", "ma", "mes", "son", "sa", "plus", "comment", "quelle", "quel", "voici", "elle", "ai",
                    "l", "d", "n", "qu", "j", "m", "s", "c"),
            "de", Set.of("der", "die", "das", "und", "ist", "nicht", "ein", "eine", "ich", "sie", "mit", "auf",
                    "für", "den", "dem", "zu", "von", "wie", "es", "sind", "auch", "wir", "bitte", "kann", "oder",
                    "du", "mir", "dir", "mein", "meine", "meinen", "wenn", "keinen", "aber", "aus", "hier", "was",
                    "wird", "einen", "einem", "zwischen", "um", "gibt"),
            "es", Set.of("el", "los", "las", "y", "es", "que", "una", "por", "con", "para", "del", "se", "no", "lo",
                    "como", "pero", "su", "está", "son", "yo", "al", "muy", "puedes", "cómo", "qué", "de", "la", "un",
                    "mi", "tu", "te", "este", "esta", "todos", "tienes", "ya", "hay", "cuál", "entre", "sobre",
                    "aquí", "si", "antes"),
            "pt", Set.of("o", "os", "as", "e", "é", "que", "uma", "um", "não", "com", "para", "do", "da", "dos",
                    "das", "em", "no", "na", "por", "mas", "você", "eu", "são", "como", "isso", "está", "de", "meu",
                    "minha", "esse", "essa", "todos", "aqui", "qual", "entre", "se", "mais", "ao"),
            "it", Set.of("il", "lo", "gli", "e", "è", "che", "di", "una", "un", "non", "per", "con", "del", "della",
                    "sono", "ma", "come", "io", "tu", "questo", "questa", "anche", "nel", "alla", "perché", "la",
                    "le", "dei", "delle", "degli", "dal", "tra", "mi", "ti", "ci", "ecco", "qual", "puoi", "se",
                    "da", "sul", "mio", "mia", "tutti", "più"),
            "nl", Set.of("de", "het", "een", "en", "is", "van", "niet", "dat", "op", "te", "zijn", "met", "voor",
                    "ik", "je", "wij", "ook", "maar", "er", "hoe", "wat", "kan", "dit", "naar", "bij", "worden", "mijn",
                    "aan", "over", "uit", "als", "geen", "meer", "deze", "tot", "hier", "om", "hij", "wordt"));
    /** Spellings and endings typical of one language, each occurrence counted like a function word. */
    private static final Map<String, Pattern> MARKS = Map.of(
            "en", Pattern.compile("\\b\\w+(ing|ould|ough)\\b|\\bth\\w+"),
            "fr", Pattern.compile("[çêèùœë]|\\b[ldnjmsc]'|\\bqu'|\\w+(eux|oir|ment|ée|ées)\\b|eau"),
            "de", Pattern.compile("[äöüß]|\\w+(ung|keit|lich|isch|chen)\\b|sch|\\bge\\w+t\\b"),
            "es", Pattern.compile("[ñ¿¡]|\\w+(ción|ciones|mente|ado|ada|ido|ida)\\b|\\w+[áíóú]\\w*"),
            "pt", Pattern.compile("[ãõ]|ç[ãõ]|\\w+(ção|ções|mente|ado|ada)\\b|\\bnh|lh"),
            "it", Pattern.compile("\\w+(zione|zioni|mente|ato|ata|uto|ire|are)\\b|\\b\\w+[ìò]\\b|gli|cch|zz"),
            "nl", Pattern.compile("ij|oe|aa|ee|\\w+(heid|lijk|ing)\\b|\\bge\\w+d\\b"));
    private static final List<String> LATIN = List.of("en", "fr", "de", "es", "pt", "it", "nl");

    private Languages() {
    }

    /** An ISO 639-1 code ("en", "zh", "ja", ...), or null when the text is too short or unclear. */
    static String of(String text) {
        if (text == null) {
            return null;
        }
        String t = CODE.matcher(text).replaceAll(" ");
        if (codeLike(t)) {
            return null;
        }
        Map<String, Integer> scripts = new HashMap<>();
        int letters = 0;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            String s = script(cp);
            if (s != null) {
                scripts.merge(s, 1, Integer::sum);
            }
        }
        if (letters < MIN_LETTERS && scripts.getOrDefault("latin", 0) == letters) {
            return null;
        }
        if (letters == 0) {
            return null;
        }
        int kana = scripts.getOrDefault("kana", 0);
        int han = scripts.getOrDefault("han", 0);
        if (kana + han > letters * 0.3) {
            return kana > 0 && kana * 20 >= kana + han ? "ja" : "zh";
        }
        String top = null;
        int n = 0;
        for (Map.Entry<String, Integer> e : scripts.entrySet()) {
            if (e.getValue() > n) {
                top = e.getKey();
                n = e.getValue();
            }
        }
        if (top == null || n < letters * 0.5) {
            return null;
        }
        return top.equals("latin") ? latin(t) : top;
    }

    private static String script(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return switch (s) {
            case LATIN -> "latin";
            case HAN -> "han";
            case HIRAGANA, KATAKANA -> "kana";
            case HANGUL -> "ko";
            case CYRILLIC -> "ru";
            case ARABIC -> "ar";
            case DEVANAGARI -> "hi";
            case THAI -> "th";
            case GREEK -> "el";
            case HEBREW -> "he";
            default -> null;
        };
    }

    /** Source code left outside a code block: many of the characters code is made of, next to its letters. */
    private static boolean codeLike(String t) {
        int symbols = 0;
        int visible = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!Character.isWhitespace(c)) {
                visible++;
                if ("{}()[];=<>_*#$\\|&/".indexOf(c) >= 0) {
                    symbols++;
                }
            }
        }
        return visible > 0 && symbols > visible * 0.06;
    }

    /** The Latin-script language whose function words the text uses most; null on too few words or a near tie. */
    private static String latin(String t) {
        String lower = t.toLowerCase(Locale.ROOT);
        var m = WORD.matcher(lower);
        int words = 0;
        int[] hits = new int[LATIN.size()];
        int[] stops = new int[LATIN.size()];
        while (m.find()) {
            words++;
            String w = m.group();
            for (int i = 0; i < hits.length; i++) {
                if (STOP.get(LATIN.get(i)).contains(w)) {
                    hits[i] += 2;
                    stops[i]++;
                }
            }
        }
        for (int i = 0; i < hits.length; i++) {
            var k = MARKS.get(LATIN.get(i)).matcher(lower);
            while (k.find()) {
                hits[i]++;
            }
        }
        if (words < MIN_WORDS) {
            return null;
        }
        int best = -1;
        int second = -1;
        for (int i = 0; i < hits.length; i++) {
            if (best < 0 || hits[i] > hits[best]) {
                second = best;
                best = i;
            } else if (second < 0 || hits[i] > hits[second]) {
                second = i;
            }
        }
        if (stops[best] < 2 || hits[best] < 4 || hits[best] < hits[second] * 1.2 + 1) {
            return null;
        }
        return LATIN.get(best);
    }

    /** Whether the prompt asks for a translation (then an answer in another language is right). */
    static boolean asksForTranslation(String prompt) {
        String p = prompt.toLowerCase(Locale.ROOT);
        for (String k : List.of("translat", "traduc", "tradu", "übersetz", "vertaal", "翻译", "翻譯", "翻訳", "번역",
                "перевед", "перевод", "in english", "en français", "auf deutsch", "en español", "in italiano",
                "em português", "in het nederlands")) {
            if (p.contains(k)) {
                return true;
            }
        }
        return false;
    }
}
