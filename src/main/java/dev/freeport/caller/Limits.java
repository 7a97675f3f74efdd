package dev.freeport.caller;

/**
 * Rate limits of a key or a team; a null field means "no limit".
 *
 * @param rpm         requests per minute
 * @param tpm         tokens per minute (reserved as prompt + max output, settled to the real count)
 * @param maxParallel requests in flight at once
 */
public record Limits(Integer rpm, Long tpm, Integer maxParallel) {
    public static final Limits NONE = new Limits(null, null, null);

    public boolean isEmpty() {
        return rpm == null && tpm == null && maxParallel == null;
    }
}
