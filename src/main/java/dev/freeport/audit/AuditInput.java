package dev.freeport.audit;

import java.util.List;
import java.util.Map;

/**
 * What the audit analyses: the records, the input lines it could not read, and, when a config was given, each
 * alias's configured targets (for single points of failure; empty = infer from the providers seen per alias), and
 * the jurisdiction of each configured vendor as routing profiles it (vendor to "US / US", or "self-hosted").
 */
public record AuditInput(String source, List<AuditRecord> records, List<Malformed> malformed,
                         List<AliasTargets> configuredAliases, Map<String, String> jurisdictions) {

    public AuditInput {
        jurisdictions = jurisdictions == null ? Map.of() : Map.copyOf(jurisdictions);
    }

    /** Without configured jurisdictions (the catalog's are used). */
    public AuditInput(String source, List<AuditRecord> records, List<Malformed> malformed,
                      List<AliasTargets> configuredAliases) {
        this(source, records, malformed, configuredAliases, null);
    }

    /** An alias and the vendor of each of its targets, in order. */
    public record AliasTargets(String alias, List<String> targetVendors) {
    }
}
