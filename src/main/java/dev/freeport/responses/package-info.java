/**
 * The response store behind {@code previous_response_id} and {@code GET}/{@code DELETE /v1/responses/{id}}:
 * {@link dev.freeport.responses.ResponseStore} (owner-scoped, expiring entries) and its SQLite / PostgreSQL
 * implementation {@link dev.freeport.responses.JdbcResponseStore}, opened like the key store
 * ({@code JdbcResponseStore.open(cfg.store(), cfg.ledger().dataDir(), settings)}). Blocking JDBC: every call
 * belongs on a worker thread.
 */
package dev.freeport.responses;
