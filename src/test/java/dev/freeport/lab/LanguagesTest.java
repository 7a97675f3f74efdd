package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The language heuristic on a labelled set (145 sentences, 16 languages) it was tuned on and a held-out set (40
 * sentences) it never was, and the check built on it.
 */
class LanguagesTest {

    record Labelled(String language, String text) {
    }

    static List<Labelled> set(String name) throws IOException {
        try (var in = LanguagesTest.class.getResourceAsStream("/lab/" + name)) {
            return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> new Labelled(l.substring(0, l.indexOf('\t')), l.substring(l.indexOf('\t') + 1)))
                    .toList();
        }
    }

    @Test
    void theLabelledSetIsRecognisedWithNoWrongLanguageAndFewUnknowns() throws IOException {
        measure("languages.tsv");
    }

    /** Sentences written after the heuristic was tuned and never tuned on (the honest accuracy). */
    @Test
    void aHeldOutSetIsRecognisedWithNoWrongLanguageAndFewUnknowns() throws IOException {
        measure("languages-heldout.tsv");
    }

    private static void measure(String name) throws IOException {
        List<Labelled> set = set(name);
        int right = 0;
        int unknown = 0;
        StringBuilder wrong = new StringBuilder();
        for (Labelled l : set) {
            String got = Languages.of(l.text());
            if (l.language().equals(got)) {
                right++;
            } else if (got == null) {
                unknown++;
            } else {
                wrong.append(l.language()).append(" taken for ").append(got).append(": ").append(l.text())
                        .append('\n');
            }
        }
        System.out.printf("languages (" + name + "): %d sentences, %d right, %d unknown, %d wrong%n", set.size(), right, unknown,
                set.size() - right - unknown);
        assertThat(wrong.toString()).as("a wrong language fails a good answer").isEmpty();
        assertThat((double) right / set.size()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void codeAndShortTextsAreUnknownNeverAWrongLanguage() {
        assertThat(Languages.of("ok")).isNull();
        assertThat(Languages.of("```java\nint x = 1;\n```")).isNull();
        assertThat(Languages.of("42")).isNull();
        assertThat(Languages.of("def total(xs):\n    return sum(x for x in xs if x % 2 == 0)\n\nprint(total([1, 2, 3]))"))
                .as("code outside a fence").isNull();
        assertThat(Languages.of("SELECT customer_id, COUNT(*) AS orders FROM orders GROUP BY customer_id ORDER BY 2 DESC"
                + " LIMIT 10;")).isNull();
        assertThat(Languages.of("Here is the fix: `map.computeIfAbsent(k, f)` and the rest of the code stays as it is."))
                .isEqualTo("en");
    }

    static ObjectNode ask(String prompt) {
        ObjectNode q = Json.NODES.objectNode().put("model", "m");
        q.putArray("messages").addObject().put("role", "user").put("content", prompt);
        return q;
    }

    @Test
    void anAnswerInAnotherLanguageThanThePromptFailsTheCheckUnlessATranslationWasAsked() {
        ObjectNode french = ShadowCall.completion("La fonction renvoie la somme de tous les nombres pairs de la liste.",
                "stop");
        ObjectNode english = ShadowCall.completion("The function returns the sum of all even numbers in the list.",
                "stop");

        assertThat(Checks.of(ask("Que fait cette fonction ? Elle prend une liste et additionne les nombres pairs."),
                english)).contains(Checks.Failure.WRONG_LANGUAGE);
        assertThat(Checks.of(ask("Que fait cette fonction ? Elle prend une liste et additionne les nombres pairs."),
                french)).doesNotContain(Checks.Failure.WRONG_LANGUAGE);
        assertThat(Checks.of(ask("Translate into French: the function returns the sum of the even numbers."),
                french)).doesNotContain(Checks.Failure.WRONG_LANGUAGE);
        assertThat(Checks.of(ask("这个函数是做什么的？它返回列表中所有偶数的和吗？"), english))
                .contains(Checks.Failure.WRONG_LANGUAGE);
    }
}
