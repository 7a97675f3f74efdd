package dev.freeport.lab;

/**
 * A candidate alias's answer to a sample of {@code alias}.
 *
 * @param source "shadow" or "replay"
 */
public record LabResult(String sampleId, String alias, String candidate, String source, long timeMillis,
                        LabAnswer answer) {
}
