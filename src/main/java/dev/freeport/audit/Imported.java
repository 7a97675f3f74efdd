package dev.freeport.audit;

import java.util.List;

/** What an importer read: the records, and the lines it skipped with why. */
public record Imported(List<AuditRecord> records, List<Malformed> malformed) {
}
