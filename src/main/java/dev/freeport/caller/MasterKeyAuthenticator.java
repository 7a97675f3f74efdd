package dev.freeport.caller;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The single master key of the config (or none: every caller is anonymous). Compared in constant time.
 * Virtual keys wrap this: the master key keeps working next to them.
 */
public final class MasterKeyAuthenticator implements Authenticator {
    private final byte[] master;
    private final boolean requireKeys;

    public MasterKeyAuthenticator(String masterKey) {
        this(masterKey, false);
    }

    /** {@code requireKeys}: without a master key, every caller is refused instead of served as anonymous. */
    public MasterKeyAuthenticator(String masterKey, boolean requireKeys) {
        this.master = masterKey == null || masterKey.isEmpty() ? null : masterKey.getBytes(StandardCharsets.UTF_8);
        this.requireKeys = requireKeys;
    }

    /** Whether a caller may come without a key (no master key and server.require_keys false). */
    public boolean open() {
        return master == null && !requireKeys;
    }

    public boolean configured() {
        return master != null;
    }

    /** Whether {@code presented} is the master key (constant time). */
    public boolean isMaster(CharSequence presented) {
        return master != null && presented != null && sameSecret(presented, master);
    }

    /**
     * Whether {@code presented}'s UTF-8 bytes are {@code expected}, in a time that depends on the length of
     * {@code presented} only (as {@link MessageDigest#isEqual}): every character is compared, and none is encoded
     * into an array of its own unless it is not ASCII.
     */
    static boolean sameSecret(CharSequence presented, byte[] expected) {
        int n = presented.length();
        int m = expected.length;
        int diff = n ^ m;
        int wide = 0;
        for (int i = 0; i < n; i++) {
            char c = presented.charAt(i);
            wide |= c & 0xff80;
            int j = ((i - m) >>> 31) * i; // i while within expected, else 0: no branch on the secret's length
            diff |= c ^ (m == 0 ? 0 : expected[j] & 0xff);
        }
        if (wide != 0) { // not ASCII: compare its UTF-8 bytes
            return MessageDigest.isEqual(presented.toString().getBytes(StandardCharsets.UTF_8), expected);
        }
        return diff == 0;
    }

    @Override
    public Future<Principal> authenticate(String presented) {
        return authenticate((CharSequence) presented);
    }

    @Override
    public Future<Principal> authenticate(CharSequence presented) {
        if (open()) {
            return Future.succeededFuture(Principal.ANONYMOUS);
        }
        if (presented == null) {
            return Future.failedFuture(missingKey().toException());
        }
        if (isMaster(presented)) {
            return Future.succeededFuture(Principal.MASTER);
        }
        return Future.failedFuture(wrongKey().toException());
    }

    @Override
    public Future<Principal> principal(String keyId) {
        if (Principal.MASTER.keyId().equals(keyId) && master != null) {
            return Future.succeededFuture(Principal.MASTER);
        }
        if (Principal.ANONYMOUS.keyId().equals(keyId) && open()) {
            return Future.succeededFuture(Principal.ANONYMOUS);
        }
        return Authenticator.super.principal(keyId);
    }

    public static GatewayError missingKey() {
        return new GatewayError(ErrorKind.AUTHENTICATION, 401,
                "Missing API key: send it as 'Authorization: Bearer KEY' or 'x-api-key: KEY'.", null,
                "missing_api_key", null);
    }

    public static GatewayError wrongKey() {
        return new GatewayError(ErrorKind.AUTHENTICATION, 401, "Incorrect API key provided.", null,
                "invalid_api_key", null);
    }
}
