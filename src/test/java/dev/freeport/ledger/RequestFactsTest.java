package dev.freeport.ledger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFactsTest {

    @Test
    void settlingTheFactsIsOneCopyWithEveryOutcome() {
        RequestFacts f = new RequestFacts("openai", null, null, "00a1b2c3d4e5f607", "1111222233334444", 600,
                "aaaabbbbccccdddd", 7, 4096, null, true, null);
        long prefix = Fingerprints.prefixTokens(f, 1200, 300);
        assertThat(prefix).isEqualTo(150);
        assertThat(f.settled(prefix, "length", "search", "prod,eu", "{\"strategy\":\"ordered\"}"))
                .isEqualTo(Fingerprints.settlePrefix(f, 1200, 300).withFinishReason("length")
                        .withAttribution("search", "prod,eu").withDecision("{\"strategy\":\"ordered\"}"));
    }
}
