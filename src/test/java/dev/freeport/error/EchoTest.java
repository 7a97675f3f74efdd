package dev.freeport.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EchoTest {
    @Test
    void everyErrorMessageIsBoundedWhateverItRepeats() {
        GatewayError e = GatewayError.invalid("tools[0].type", "A '" + "t".repeat(50_000) + "' block");
        assertThat(e.message()).hasSizeLessThan(Echo.MAX_MESSAGE + 100).endsWith("characters)");
    }

    @Test
    void aShortStringIsEchoedAsItIs() {
        assertThat(Echo.of("gpt-4o")).isEqualTo("gpt-4o");
    }
}
