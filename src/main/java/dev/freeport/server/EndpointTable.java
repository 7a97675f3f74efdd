package dev.freeport.server;

import dev.freeport.front.Endpoint;
import dev.freeport.front.Front;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every front's endpoints by path. A lookup finds the endpoints on a path (exact paths by hash, paths with a
 * {@code {param}} segment by segment match), then picks the front: the one that recognises the request's headers,
 * else the first front that serves the path (fronts are given in order of precedence).
 */
final class EndpointTable {
    private final List<Front> fronts;
    private final Map<String, List<Endpoint>> exact = new HashMap<>();
    /**
     * The matches of an exact path that one front serves alone (most of them: chat completions, messages), made
     * once: a request on one is matched without reading a header or making a set or a match.
     */
    private final Map<String, Match[]> single = new HashMap<>();
    private final List<Pattern> patterns = new ArrayList<>();

    EndpointTable(List<Front> fronts) {
        this.fronts = List.copyOf(fronts);
        for (Front front : fronts) {
            for (Endpoint e : front.endpoints()) {
                for (String path : e.paths()) {
                    if (path.contains("{")) {
                        patterns.add(new Pattern(path.split("/"), e));
                    } else {
                        exact.computeIfAbsent(path, k -> new ArrayList<>()).add(e);
                    }
                }
            }
        }
        exact.forEach((path, endpoints) -> {
            Front front = endpoints.getFirst().front();
            if (endpoints.stream().allMatch(e -> e.front() == front)) {
                single.put(path, endpoints.stream().map(e -> new Match(front, e, Map.of(), Set.of(e.method())))
                        .toArray(Match[]::new));
            }
        });
    }

    /** A match: the endpoint for this method, or null with the methods the path allows (405). */
    record Match(Front front, Endpoint endpoint, Map<String, String> params, Set<HttpMethod> allowed) {
    }

    /** The match for a path and method, or null when no front serves the path. */
    Match find(String path, HttpMethod method, MultiMap headers) {
        Match[] prepared = single.get(path);
        if (prepared != null) {
            for (Match m : prepared) {
                if (m.endpoint().method().equals(method)) {
                    return m;
                }
            }
        }
        List<Endpoint> candidates = exact.get(path);
        Map<String, String> params = Map.of();
        if (candidates == null) {
            candidates = new ArrayList<>();
            for (Pattern p : patterns) {
                Map<String, String> found = p.match(path);
                if (found != null) {
                    if (candidates.isEmpty()) {
                        params = found;
                    }
                    candidates.add(p.endpoint);
                }
            }
            if (candidates.isEmpty()) {
                return null;
            }
        }
        Front front = pick(candidates, headers::get);
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        for (Endpoint e : candidates) {
            if (e.front() == front) {
                if (e.method().equals(method)) {
                    return new Match(front, e, params, Set.of(method));
                }
                allowed.add(e.method());
            }
        }
        return new Match(front, null, params, allowed);
    }

    private Front pick(List<Endpoint> candidates, Function<String, String> header) {
        for (Endpoint e : candidates) {
            if (e.front().recognises(header)) {
                return e.front();
            }
        }
        return candidates.getFirst().front();
    }

    /** The front whose errors a request gets on a path no front serves: the one it speaks, else the first. */
    Front frontFor(Function<String, String> header) {
        for (Front f : fronts) {
            if (f.recognises(header)) {
                return f;
            }
        }
        return fronts.getFirst();
    }

    /** "POST /v1/chat/completions, ..." for the 404 of an unknown path: every front's canonical paths. */
    String describe() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Front f : fronts) {
            for (Endpoint e : f.endpoints()) {
                seen.put(e.method() + " " + e.paths().getFirst(), true);
            }
        }
        return String.join(", ", seen.keySet());
    }

    /** A path with {@code {name}} segments; a last segment {@code {name+}} also takes the rest of the path. */
    private record Pattern(String[] segments, Endpoint endpoint) {
        Map<String, String> match(String path) {
            String[] parts = path.split("/", -1);
            String last = segments[segments.length - 1];
            boolean greedy = last.endsWith("+}");
            if (greedy ? parts.length < segments.length : parts.length != segments.length) {
                return null;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                String value = greedy && i == segments.length - 1
                        ? String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length)) : parts[i];
                if (s.startsWith("{") && s.endsWith("}")) {
                    if (value.isEmpty()) {
                        return null;
                    }
                    params.put(s.substring(1, s.length() - (s.endsWith("+}") ? 2 : 1)), value);
                } else if (!s.equals(value)) {
                    return null;
                }
            }
            return params;
        }
    }
}
