package dev.freeport.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/** A sample workload for the demo: chat, streams, tool calls and embeddings across the demo's aliases. */
final class DemoTraffic {
    private static final String[] PROMPTS = {
        "Summarise the plot of Hamlet in two sentences.",
        "Classify this ticket as billing, bug or feature: 'I was charged twice this month.'",
        "Write a haiku about load balancers.",
        "Explain what a circuit breaker is in a distributed system.",
        "Translate 'good morning, how are you?' into French and German.",
        "What is the capital of Australia?",
        "Refactor this function to be pure: def f(x): global y; y += x; return y",
        "List three risks of depending on a single model vendor.",
    };

    /**
     * What a run did.
     *
     * @param sampleId a request id (x-freeport-request-id) worth explaining: one that fell back if any did, else the
     *                 first answered chat request; null when none was answered
     */
    record Result(int sent, Map<Integer, Integer> byStatus, long millis, String sampleId) {
        String summary() {
            return "sent " + sent + " requests in " + millis + " ms; answers by HTTP status: " + byStatus;
        }
    }

    private DemoTraffic() {
    }

    static Result send(String base, int n) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(16);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        AtomicReference<String> firstId = new AtomicReference<>();
        AtomicReference<String> fellBack = new AtomicReference<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            HttpRequest req = request(base, i);
            all.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((res, err) -> {
                synchronized (byStatus) {
                    byStatus.merge(err == null ? res.statusCode() : -1, 1, Integer::sum);
                }
                if (err == null && req.uri().getPath().endsWith("/chat/completions")) {
                    String id = res.headers().firstValue("x-freeport-request-id").orElse(null);
                    firstId.compareAndSet(null, id);
                    if (res.headers().firstValue("x-freeport-attempts").map(a -> !a.equals("1")).orElse(false)) {
                        fellBack.compareAndSet(null, id);
                    }
                }
                inFlight.release();
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return new Result(n, byStatus, (System.nanoTime() - start) / 1_000_000,
                fellBack.get() != null ? fellBack.get() : firstId.get());
    }

    private static HttpRequest request(String base, int i) {
        String prompt = PROMPTS[i % PROMPTS.length].replace("\"", "\\\"");
        String body;
        String path = "/v1/chat/completions";
        switch (i % 6) {
            case 0, 1 -> body = chat("cheap", prompt, false, "");
            case 2 -> body = chat("smart", prompt, true, "");
            case 3 -> body = chat("balanced", prompt, false, ",\"tools\":[{\"type\":\"function\",\"function\":{"
                    + "\"name\":\"get_weather\",\"description\":\"Weather for a city\",\"parameters\":{\"type\":"
                    + "\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]");
            case 4 -> body = chat("balanced", prompt, true, "");
            default -> {
                path = "/v1/embeddings";
                body = "{\"model\":\"embed\",\"input\":[\"" + prompt + "\"]}";
            }
        }
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String chat(String model, String prompt, boolean stream, String extra) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]" + extra + "}";
    }
}
