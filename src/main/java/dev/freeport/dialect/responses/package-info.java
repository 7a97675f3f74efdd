/**
 * The OpenAI Responses API ({@code /v1/responses}) as a dialect: pure translation to and from the canonical OpenAI
 * chat format, no I/O. How the front uses it (front/responses: {@code ResponsesSession}, whose steps "resume" and
 * "keep" the flow calls around routing):
 *
 * <pre>{@code
 * ResponsesRequest r = ResponsesDecoder.decode(body);                  // 400 naming the field on bad input
 * if (r.needsHistory()) {                                              // previous_response_id is set
 *     ArrayNode prev = store.conversation(r.previousResponseId(), principal.keyId())   // worker thread
 *             .orElseThrow(() -> ResponsesErrors.previousNotFound(r.previousResponseId()).toException());
 *     r = r.withHistory(prev);
 * }
 * ChatRequest chat = r.chat();                                         // route, dispatch as any chat request
 * ResponseIds ids = ResponseIds.random();
 * long createdAt = clock.instant().getEpochSecond();
 * // complete answer:
 * ObjectNode response = ResponseEncoder.encode(r, chatResult, ids, createdAt);
 * // or a stream: a StreamWriter
 * ResponsesStreamEncoder writer = new ResponsesStreamEncoder(r, ids, createdAt);
 * ObjectNode response = writer.finalResponse();                        // after end() or error()
 * // then, if r.store(), on a worker thread:
 * store.put(StoredResponse.of(response, r.conversation(response), principal.keyId(), clock.instant()));
 * }</pre>
 *
 * Errors: HTTP errors use {@link dev.freeport.dialect.responses.ResponsesErrors#body} (OpenAI's error object),
 * {@code GET}/{@code DELETE /v1/responses/{id}} of a missing entry {@code ResponsesErrors.notFound}, a successful
 * delete {@code ResponsesErrors.deleted}. {@code ResponsesRequest.droppedTools()} (built-in tools removed) and
 * {@code ignoredFields()} (unknown top-level fields) are for a response header and the log.
 */
package dev.freeport.dialect.responses;

