package dev.freeport.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {

    @Test
    void masksThePasswordOfAUrlAndKeepsTheUser() {
        assertThat(SecretMask.mask("got \"redis://:s3cret@cache:6379\""))
                .isEqualTo("got \"redis://:***@cache:6379\"");
    }

    @Test
    void masksAUserPartWithoutPasswordWholeAsItIsUsuallyAToken() {
        assertThat(SecretMask.mask("https://ghp_abcdef@git.example/x")).isEqualTo("https://***@git.example/x");
    }

    @Test
    void masksSecretQueryParameters() {
        assertThat(SecretMask.mask("jdbc:postgresql://db/fp?user=fp&password=pw1&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/fp?user=fp&password=***&ssl=true");
    }

    @Test
    void masksASecretFieldsValueToTheEndOfItsLineOnly() {
        assertThat(SecretMask.mask("a: { type: openai, api_key: sk-1, base_url: x }\nnext: line"))
                .isEqualTo("a: { type: openai, api_key: ***\nnext: line");
    }

    @Test
    void leavesVariableReferencesAndCountsAlone() {
        String text = "write ${FREEPORT_MASTER_KEY:-default}; max_tokens: 5";
        assertThat(SecretMask.mask(text)).isEqualTo(text);
    }
}
