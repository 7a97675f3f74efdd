package dev.freeport.batch;

/**
 * One batch as stored: whose it is, which API created it ("openai" or "anthropic") and for which endpoint, its
 * status (OpenAI's words: in_progress, cancelling, finalizing, completed, cancelled, expired; Anthropic's are
 * derived from them), its files, times in epoch millis, the caller's metadata (JSON text) and data class, and how
 * its requests stand.
 */
record Batch(String id, String owner, String api, String endpoint, String status, String inputFileId,
             String outputFileId, String errorFileId, long createdMs, long expiresMs, Long endedMs, Long cancelMs,
             String metadata, String dataClass, Counts counts) {

    static final String IN_PROGRESS = "in_progress";
    static final String CANCELLING = "cancelling";
    static final String COMPLETED = "completed";
    static final String CANCELLED = "cancelled";
    static final String EXPIRED = "expired";

    boolean running() {
        return IN_PROGRESS.equals(status) || CANCELLING.equals(status);
    }

    Batch withCounts(Counts c) {
        return new Batch(id, owner, api, endpoint, status, inputFileId, outputFileId, errorFileId, createdMs,
                expiresMs, endedMs, cancelMs, metadata, dataClass, c);
    }

    /** How the batch's requests stand: each has one outcome, or none yet (pending). */
    record Counts(int total, int succeeded, int errored, int canceled, int expired) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0);

        int pending() {
            return total - succeeded - errored - canceled - expired;
        }
    }

    /**
     * One contained request: its position and custom id, the body to send (null for a line that was not a request:
     * then {@code response} says why), and once answered its outcome (succeeded, errored, canceled, expired), HTTP
     * status, answer body and the gateway's request id.
     */
    record Line(int idx, String customId, String request, String outcome, Integer status, String response,
                String requestId, Handed handed) {
        static Line pending(int idx, String customId, String request) {
            return new Line(idx, customId, request, null, null, null, null, null);
        }

        static Line invalid(int idx, String customId, String errorJson) {
            return new Line(idx, customId, null, BatchStore.ERRORED, null, errorJson, null, null);
        }
    }

    /**
     * A request handed to a back end's batch API (docs/BATCH.md, native pass-through): the provider, the target's
     * upstream model, the resolved alias, and its body in the provider's dialect (until the upstream batch holds it);
     * the estimate its budgets hold until it is settled ({@code heldNanos}, charged at {@code heldMs}) and the team
     * whose budget holds it too (null: none).
     */
    record Handed(String provider, String upstreamModel, String alias, String body, long heldNanos, long heldMs,
                  String team) {
    }

    /** One batch submitted to a provider's batch API: its id there and, once it ended, its end status there. */
    record Upstream(String batchId, String provider, String upstreamId, String status) {
    }

    /** A stored file: uploaded input (purpose "batch") or a batch's output ("batch_output"). */
    record File(String id, String owner, String purpose, String filename, long createdMs, long bytes) {
    }
}
