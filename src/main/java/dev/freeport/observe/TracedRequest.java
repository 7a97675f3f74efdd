package dev.freeport.observe;

import dev.freeport.api.ChatRequest;
import dev.freeport.caller.Principal;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.AttemptWatch;
import dev.freeport.module.RequestWatch;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.route.Attempt;
import dev.freeport.route.Target;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

/**
 * The spans of one request: the server span (arrival to the ledger step, i.e. the last byte) and one client span per
 * upstream attempt, each sent upstream as the attempt's {@code traceparent}. Attributes follow the OpenTelemetry
 * GenAI semantic conventions, plus Freeport's own ({@code freeport.*}); prompts and answers only with
 * {@code tracing.content: true}. Lives on the request's event loop. Also hands the end to the metrics' watch.
 */
final class TracedRequest implements RequestWatch {
    static final AttributeKey<String> OPERATION = stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<List<String>> FINISH_REASONS = stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> MAX_TOKENS = longKey("gen_ai.request.max_tokens");
    static final AttributeKey<String> INPUT_MESSAGES = stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
    static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
    static final AttributeKey<Long> HTTP_STATUS = longKey("http.response.status_code");
    static final AttributeKey<String> ALIAS = stringKey("freeport.alias");
    static final AttributeKey<Long> ATTEMPTS = longKey("freeport.attempts");
    static final AttributeKey<Long> COST_NANOS = longKey("freeport.cost_nanos");
    static final AttributeKey<Double> COST_USD = doubleKey("freeport.cost_usd");
    static final AttributeKey<String> REQUEST_ID = stringKey("freeport.request_id");
    static final AttributeKey<String> FRONT = stringKey("freeport.front");
    static final AttributeKey<String> STATUS = stringKey("freeport.status");
    static final AttributeKey<String> TARGET = stringKey("freeport.target");
    static final AttributeKey<String> UPSTREAM_PROVIDER = stringKey("freeport.provider");
    /** {@code freeport.status} of a request handed to a batch API. */
    static final String HANDED_OVER = "handed_over";
    /** Contents are cut at this many characters: a span is not a transcript store. */
    static final int MAX_CONTENT = 32 * 1024;

    private final Tracer tracer;
    private final String operation;
    private final boolean content;
    private final RequestWatch metrics;
    private final Span span;
    private final List<Span> open = new ArrayList<>(2);
    private boolean named;

    TracedRequest(Tracer tracer, Context parent, String operation, boolean content, RequestWatch metrics) {
        this.tracer = tracer;
        this.operation = operation;
        this.content = content;
        this.metrics = metrics;
        this.span = tracer.spanBuilder(operation).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(OPERATION, operation).startSpan();
    }

    @Override
    public void decoded(ChatRequest request) {
        String model = request.model() == null ? null : cut(request.model(), 200);
        if (model != null) {
            named(model);
        }
        if (request.maxOutputTokens() != null) {
            span.setAttribute(MAX_TOKENS, (long) request.maxOutputTokens());
        }
        if (content && request.body() != null && request.body().has("messages")) {
            span.setAttribute(INPUT_MESSAGES, cut(request.body().get("messages").toString(), MAX_CONTENT));
        }
    }

    @Override
    public AttemptWatch attempt(Target target) {
        Span client = tracer.spanBuilder(operation + " " + target.upstreamModel())
                .setParent(Context.root().with(span)).setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION, operation)
                .setAttribute(PROVIDER, target.profile().vendor())
                .setAttribute(REQUEST_MODEL, target.upstreamModel())
                .setAttribute(UPSTREAM_PROVIDER, target.provider().name())
                .setAttribute(ATTEMPTS, (long) open.size() + 1)
                .startSpan();
        open.add(client);
        Map<String, String> headers = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(client), headers,
                (carrier, key, value) -> carrier.put(key, value));
        Map<String, String> sent = Map.copyOf(headers);
        return new AttemptWatch() {
            @Override
            public Map<String, String> headers() {
                return sent;
            }

            @Override
            public void failed(Throwable cause) {
                UpstreamFailure f = cause instanceof UpstreamException ue ? ue.failure() : null;
                client.setAttribute(ERROR_TYPE, f == null ? cause.getClass().getSimpleName()
                        : f.kind().name().toLowerCase(Locale.ROOT));
                if (f != null && f.status() > 0) {
                    client.setAttribute(HTTP_STATUS, (long) f.status());
                }
                client.setStatus(StatusCode.ERROR, f == null ? "failed" : f.kind().name().toLowerCase(Locale.ROOT));
                client.end();
            }
        };
    }

    @Override
    public boolean wantsAnswerText() {
        return content;
    }

    @Override
    public void answerText(String text) {
        if (content && text != null) {
            span.setAttribute(OUTPUT_MESSAGES, cut("[{\"role\":\"assistant\",\"content\":"
                    + dev.freeport.json.Json.NODES.textNode(text) + "}]", MAX_CONTENT));
        }
    }

    @Override
    public void ended(UsageEvent e, Principal principal, String front, List<Attempt> attempts) {
        try {
            metrics.ended(e, principal, front, attempts);
        } finally {
            endSpans(e, front, attempts);
        }
    }

    /**
     * Handed to a batch API: the server span ends here with the event "handed over" and {@code freeport.status}
     * {@code handed_over} (not an error); its answer comes back later, outside this request.
     */
    @Override
    public void handedOver(String requestId, Principal principal, String front, String alias, Target target) {
        if (alias != null) {
            span.setAttribute(ALIAS, cut(alias, 200));
        }
        span.setAttribute(PROVIDER, target.profile().vendor());
        span.setAttribute(TARGET, target.label());
        span.setAttribute(UPSTREAM_PROVIDER, target.provider().name());
        span.setAttribute(REQUEST_ID, requestId);
        span.setAttribute(STATUS, HANDED_OVER);
        if (front != null) {
            span.setAttribute(FRONT, front);
        }
        span.addEvent("handed over", io.opentelemetry.api.common.Attributes.of(UPSTREAM_PROVIDER,
                target.provider().name(), TARGET, target.label()));
        span.end();
    }

    private void endSpans(UsageEvent e, String front, List<Attempt> attempts) {
        Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        String reason = e.facts().finishReason();
        for (int i = 0; i < open.size(); i++) {
            Span client = open.get(i);
            if (i == open.size() - 1 && last != null && last.failure() == null) {
                usage(client, e, reason);
                if (e.status() != UsageEvent.Status.OK) {
                    client.setStatus(StatusCode.ERROR, e.status().name().toLowerCase(Locale.ROOT));
                }
            }
            client.end(); // ended already when the attempt failed: a no-op then
        }
        if (last != null) {
            span.setAttribute(PROVIDER, last.target().profile().vendor());
            span.setAttribute(TARGET, last.target().label());
        }
        if (e.alias() != null) {
            span.setAttribute(ALIAS, cut(e.alias(), 200));
            if (!named) { // embeddings: no decoded chat request
                named(cut(e.alias(), 200));
            }
        }
        usage(span, e, reason);
        span.setAttribute(ATTEMPTS, (long) e.attempts());
        span.setAttribute(COST_NANOS, e.costNanos());
        span.setAttribute(COST_USD, e.costNanos() / 1e9);
        span.setAttribute(REQUEST_ID, e.id());
        span.setAttribute(STATUS, e.status().name().toLowerCase(Locale.ROOT));
        span.setAttribute(HTTP_STATUS, (long) e.httpStatus());
        if (front != null) {
            span.setAttribute(FRONT, front);
        }
        if (e.errorKind() != null) {
            span.setAttribute(ERROR_TYPE, e.errorKind());
            span.setStatus(StatusCode.ERROR, e.errorKind());
        } else if (e.status() != UsageEvent.Status.OK) {
            span.setStatus(StatusCode.ERROR, e.status().name().toLowerCase(Locale.ROOT));
        }
        span.end();
    }

    private void named(String model) {
        named = true;
        span.updateName(operation + " " + model);
        span.setAttribute(REQUEST_MODEL, model);
    }

    private static void usage(Span s, UsageEvent e, String finishReason) {
        if (e.upstreamModel() != null) {
            s.setAttribute(RESPONSE_MODEL, e.upstreamModel());
        }
        if (e.provider() != null) {
            s.setAttribute(INPUT_TOKENS, e.inputTokens());
            s.setAttribute(OUTPUT_TOKENS, e.outputTokens());
        }
        if (finishReason != null) {
            s.setAttribute(FINISH_REASONS, List.of(finishReason));
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
