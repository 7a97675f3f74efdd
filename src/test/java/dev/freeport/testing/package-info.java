/**
 * Test fixtures: {@link dev.freeport.testing.FakeUpstream}, a real loopback HTTP server that answers like OpenAI
 * (chat completions, embeddings) and Anthropic (Messages), streaming included, with scriptable faults.
 *
 * <pre>{@code
 * try (FakeUpstream up = FakeUpstream.start()) {
 *     up.enqueue(Reply.ok("Hello there"), Reply.status(429).retryAfter(2), Reply.resetAfterChunks(3));
 *     // point the gateway's provider at up.baseUrl() (OpenAI, with /v1) or up.anthropicBaseUrl() (no /v1)
 *     List<RecordedRequest> seen = up.awaitRequests(3, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Its wire bytes come from {@link dev.freeport.testing.Wires} (error bodies, encoded answers per API). Others:
 * {@link dev.freeport.testing.FakeBatchApi} (OpenAI's Files/Batches and Anthropic's Message Batches),
 * {@link dev.freeport.testing.FakeBedrock}, {@link dev.freeport.testing.PostgresServer},
 * {@link dev.freeport.testing.RedisServer}, and {@link dev.freeport.testing.OneKey} (one secret authenticated as one
 * principal, for tests of budgets and limits).
 */
package dev.freeport.testing;
