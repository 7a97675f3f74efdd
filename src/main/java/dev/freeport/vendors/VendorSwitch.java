package dev.freeport.vendors;

import dev.freeport.route.VendorSwitches;

import java.time.Instant;

/**
 * One vendor's stored switch: off or on, why, who flipped it and when, and the change version that wrote it (what
 * readers on other replicas poll by).
 *
 * @param vendor    lower-case vendor name, e.g. "deepseek"
 * @param reason    free text from the operator, may be null
 * @param changedBy who flipped it, e.g. "cli:alice@host" or "admin-api@10.0.0.7"
 */
public record VendorSwitch(String vendor, boolean disabled, String reason, String changedBy, Instant changedAt,
                           long version) {

    /** What the router sees while this switch is off. */
    public VendorSwitches.Off off() {
        return new VendorSwitches.Off(vendor, reason, changedAt);
    }
}
