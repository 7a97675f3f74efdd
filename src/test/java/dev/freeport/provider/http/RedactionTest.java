package dev.freeport.provider.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one scrubbing of upstream error text. */
class RedactionTest {

    @Test
    void theProvidersOwnKeyIsRemovedWhateverItsShape() {
        assertThat(Redaction.redact("bad key 7f3a9c2e1b", "7f3a9c2e1b")).isEqualTo("bad key [redacted]");
    }

    @Test
    void bearerTokensAndKeyShapedStringsOfOtherVendorsAreRemoved() {
        String r = Redaction.redact("Bearer abcdefgh12345678 and sk-proj-ABCDEFGHIJKLMNOPQRST and "
                + "AIzaSyA1234567890abcdefghijklmnopqrstu", null);
        assertThat(r).isEqualTo("Bearer [redacted] and [redacted] and [redacted]");
    }

    @Test
    void messagesAreCollapsedPrefixedAndBoundedToFiveHundredCharacters() {
        String m = Redaction.message("groq", "  line one\n\n line two " + "x".repeat(1000), null);
        assertThat(m).startsWith("groq: line one line two x").hasSize(Redaction.MAX_MESSAGE).endsWith("...");
    }
}
