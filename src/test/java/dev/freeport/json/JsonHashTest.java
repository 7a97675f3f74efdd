package dev.freeport.json;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hashes a one-pass reader feeds: two fed in one loop are the two fed one after the other. */
class JsonHashTest {

    @Test
    void twoHashesFedOneTextTogetherEqualEachFedItAlone() {
        char[] text = "déjà vu, 日本語 \ud83d\ude00 and plain ASCII".toCharArray();
        for (int offset = 0; offset < 4; offset++) {
            for (int length = 0; offset + length <= text.length; length++) {
                JsonHash first = new JsonHash();
                first.text("before");
                JsonHash second = new JsonHash();
                second.name("content");
                JsonHash firstAlone = new JsonHash().set(first);
                JsonHash secondAlone = new JsonHash().set(second);

                JsonHash.text(first, second, text, offset, length);
                firstAlone.text(text, offset, length);
                secondAlone.text(text, offset, length);

                assertThat(first.value()).isEqualTo(firstAlone.value());
                assertThat(first.chars()).isEqualTo(firstAlone.chars());
                assertThat(second.value()).isEqualTo(secondAlone.value());
                assertThat(second.chars()).isEqualTo(secondAlone.chars());
            }
        }
    }
}
