package dev.freeport.audit;

import java.util.List;

/**
 * What the audit analyses: the records, the input lines it could not read, and, when a config was given, each
 * alias's configured targets (for single points of failure; empty = infer from the providers seen per alias).
 */
public record AuditInput(String source, List<AuditRecord> records, List<Malformed> malformed,
                         List<AliasTargets> configuredAliases) {

    /** An alias and the vendor of each of its targets, in order. */
    public record AliasTargets(String alias, List<String> targetVendors) {
    }
}
