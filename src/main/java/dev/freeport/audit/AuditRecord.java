package dev.freeport.audit;

import dev.freeport.ledger.UsageEvent;

/**
 * One request as the audit sees it, whatever the source (ledger, imported log, sample): the ledger's event plus
 * what the ledger does not keep. {@code vendor} is the catalog's provider name ("openai", "deepseek", ...) the
 * request went to; {@code images} and {@code jsonOutput} are only known for imported logs (the ledger does not
 * record them, so ledger requests count as text-only, free-form output).
 */
public record AuditRecord(UsageEvent event, String vendor, boolean images, boolean jsonOutput) {

    public boolean isChat() {
        return !"embeddings".equals(event.endpoint());
    }

    public boolean ok() {
        return event.status() == UsageEvent.Status.OK;
    }
}
