package dev.freeport.module;

/**
 * Where the gateway appends every admin action (the audit log, docs/OPERATIONS.md). Provided by a module; the
 * server calls {@link #append} after each answered admin request that changes something. Must not block: an
 * implementation queues the write.
 */
public interface AdminLog {
    void append(AdminAction action);
}
