package dev.freeport.module;

/**
 * One admin action as the audit log keeps it: who did what, when, from where, with what result, and the state
 * before and after as JSON (secrets never: the door strips them).
 *
 * @param timeMillis when it was answered (epoch ms)
 * @param who        "admin key sha256:1a2b3c4d", "master key", "no key (loopback)", "cli:alice", optionally followed
 *                   by the CLI user the request says it came from ("admin key sha256:1a2b3c4d via cli:alice")
 * @param from       the caller's address, or "cli@host" for the CLI writing a store directly
 * @param method     the HTTP method (or "CLI")
 * @param path       the admin path, or the CLI command ("vendor disable deepseek")
 * @param status     the HTTP status answered (0 when not over HTTP)
 * @param before     the object's JSON before the action, or null (created, unknown)
 * @param after      the object's JSON after it, or null (failed, deleted without a body)
 * @param error      the error message of a refused action, or null
 */
public record AdminAction(long timeMillis, String who, String from, String method, String path, int status,
                          String before, String after, String error) {
}
