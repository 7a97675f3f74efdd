package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.IpScope;

/**
 * Detector tuning that a policy may change: which IP addresses count, and the Shannon entropy (bits per
 * character) a value in a key-like context ({@code api_key=...}) needs before it is taken for a secret.
 */
public record ScanSettings(IpScope ipScope, double entropyThreshold) {
    /** Public addresses only; 3.0 bits per character (random base62 of 16+ characters is ~3.7 and up). */
    public static final ScanSettings DEFAULT = new ScanSettings(IpScope.PUBLIC, 3.0);

    public ScanSettings {
        if (ipScope == null) {
            ipScope = IpScope.PUBLIC;
        }
        if (!(entropyThreshold >= 0 && entropyThreshold <= 8)) {
            throw new IllegalArgumentException("entropy threshold must be between 0 and 8 bits per character");
        }
    }
}
