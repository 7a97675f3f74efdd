package dev.freeport.ledger;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.PromptDigest;
import dev.freeport.api.RequestTraits;
import dev.freeport.json.JsonBytes;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

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

    @Test
    void fingerprintingAScannedRequestMakesNoHexText() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] body = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        ChatRequest chat = ChatRequest.scanned("bench", false, false, 16, null, JsonBytes.of(body), null,
                new RequestTraits(false, false, false, false, 2),
                new PromptDigest(0x00a1b2c3d4e5f607L, 0x1111222233334444L, true, 40, 0xaaaabbbbccccddddL, 3, false,
                        80), -1);
        long sink = 0;
        for (int i = 0; i < 100_000; i++) {
            sink += Fingerprints.of(chat, "openai").facts().promptHash();
        }
        int n = 100_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink += Fingerprints.of(chat, "openai").facts().promptHash();
        }
        long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        RequestFacts f = Fingerprints.of(chat, "openai").facts();
        assertThat(f.promptHex()).isEqualTo("00a1b2c3d4e5f607");
        assertThat(f.prefixHex()).isEqualTo("1111222233334444");
        assertThat(f.conversationHex()).isEqualTo("aaaabbbbccccdddd");
        assertThat(sink).isNotZero();
        // the Fingerprint and its RequestFacts (or nothing, once escape analysis removes them); three hex Strings
        // of 16 digits (56 B each) were made here before journal record version 5
        assertThat(perCall).as("bytes allocated per fingerprint").isLessThan(120);
    }
}
