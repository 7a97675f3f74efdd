package dev.freeport.caller;

import org.junit.jupiter.api.Test;

import java.nio.CharBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** The master key compared with what a request presents, as text (a part of a header), in constant time. */
class MasterKeyTest {
    private final MasterKeyAuthenticator master = new MasterKeyAuthenticator("s3cret-master");

    @Test
    void onlyTheWholeMasterKeyIsTheMasterKey() {
        assertThat(master.isMaster("s3cret-master")).isTrue();
        assertThat(master.isMaster(CharBuffer.wrap("Bearer s3cret-master", 7, 20))).isTrue();
        assertThat(master.isMaster("s3cret-maste")).isFalse();
        assertThat(master.isMaster("s3cret-master!")).isFalse();
        assertThat(master.isMaster("S3cret-master")).isFalse();
        assertThat(master.isMaster("")).isFalse();
        assertThat(master.isMaster(null)).isFalse();
    }

    @Test
    void aMasterKeyBeyondAsciiIsComparedByItsUtf8Bytes() {
        MasterKeyAuthenticator wide = new MasterKeyAuthenticator("clé-κλειδί");
        assertThat(wide.isMaster("clé-κλειδί")).isTrue();
        assertThat(wide.isMaster("cle-κλειδί")).isFalse();
        // a character whose low byte is an ASCII letter of the key is not that letter
        assertThat(master.isMaster("s3cret-mast\u0165r")).isFalse();
    }
}
