package dev.freeport.route;

import java.time.Instant;

/**
 * The kill switch: vendors an operator has turned off. Read on every routing decision, so it must be an in-memory
 * lookup; the implementation keeps it current across replicas.
 */
public interface VendorSwitches {

    /** Every vendor enabled. */
    VendorSwitches NONE = vendor -> null;

    /** Why a vendor is off: who or what said so, and since when. */
    record Off(String vendor, String reason, Instant since) {
    }

    /** Null while the vendor (lower case) is enabled; otherwise why it is off. */
    Off disabled(String vendor);
}
