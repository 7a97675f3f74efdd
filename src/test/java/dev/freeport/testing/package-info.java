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
 */
package dev.freeport.testing;
