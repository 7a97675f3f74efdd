package dev.freeport.cache;

import dev.freeport.api.ChatRequest;
import dev.freeport.caller.Principal;
import dev.freeport.config.CacheConfig;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.module.CachedAnswer;
import dev.freeport.module.ResponseCache;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The response cache of every alias that configures one ({@code cache:} under a model), over one {@link AnswerStore}.
 * Which aliases cache is read from the runtime's config once per config (a reload brings a new one): for an alias
 * without a cache, {@link #keeps} is one map lookup.
 */
final class ResponseCaches implements ResponseCache {
    private static final Logger LOG = Logger.getLogger(ResponseCaches.class.getName());

    private final AnswerStore store;
    private final SemanticIndex index = new SemanticIndex();
    private final Embeddings embeddings;
    private volatile Plan plan = new Plan(null, Map.of(), List.of(), Set.of());

    /**
     * The aliases of one config that cache, with their settings; {@code wildcards}: the provider wildcards that
     * cache ({@code deepseek/*}), longest prefix first, whose requests arrive under the requested name
     * ({@code deepseek/deepseek-chat}: each name its own entries); {@code names}: every other alias, which a
     * wildcard never covers.
     */
    private record Plan(FreeportConfig config, Map<String, CacheConfig> aliases, List<Wildcard> wildcards,
                        Set<String> names) {
        static Plan of(FreeportConfig cfg) {
            Map<String, CacheConfig> m = new HashMap<>();
            List<Wildcard> w = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (ModelConfig mc : cfg.models()) {
                if (mc.wildcard()) {
                    if (mc.cache() != null) {
                        w.add(new Wildcard(mc.name().substring(0, mc.name().length() - 1), mc.cache()));
                    }
                    continue;
                }
                names.add(mc.name());
                if (mc.cache() != null) {
                    m.put(mc.name(), mc.cache());
                }
            }
            w.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));
            return new Plan(cfg, Map.copyOf(m), List.copyOf(w), w.isEmpty() ? Set.of() : Set.copyOf(names));
        }

        boolean semantic() {
            return aliases.values().stream().anyMatch(c -> c.mode() == CacheConfig.Mode.SEMANTIC)
                    || wildcards.stream().anyMatch(c -> c.cache().mode() == CacheConfig.Mode.SEMANTIC);
        }

        CacheConfig of(String alias) {
            CacheConfig c = aliases.isEmpty() ? null : aliases.get(alias);
            if (c != null || wildcards.isEmpty() || names.contains(alias)) {
                return c;
            }
            for (Wildcard w : wildcards) {
                if (alias.length() > w.prefix().length() && alias.startsWith(w.prefix())) {
                    return w.cache();
                }
            }
            return null;
        }
    }

    private record Wildcard(String prefix, CacheConfig cache) {
    }

    ResponseCaches(AnswerStore store, Embeddings embeddings) {
        this.store = store;
        this.embeddings = embeddings;
    }

    /** The settings of {@code alias} under {@code cfg}, or null. Loads the embedding model once semantic is used. */
    CacheConfig config(FreeportConfig cfg, String alias) {
        Plan p = plan;
        if (p.config() != cfg) {
            p = Plan.of(cfg);
            plan = p;
            if (p.semantic()) {
                embeddings.model();
            }
        }
        return alias == null ? null : p.of(alias);
    }

    @Override
    public boolean keeps(GatewayRuntime runtime, String alias) {
        return config(runtime.config(), alias) != null;
    }

    @Override
    public Lookup lookUp(GatewayRuntime runtime, Principal principal, String alias, ChatRequest request,
                         Function<String, String> header) {
        CacheConfig c = config(runtime.config(), alias);
        String cacheControl = header.apply("cache-control");
        if (c == null || Cacheability.has(cacheControl, "no-store") || Cacheability.refusal(c, request.body()) != null) {
            return BYPASS;
        }
        String dataClass = header.apply("x-freeport-data-class");
        RequestKey key = RequestKey.of(scope(c, principal) + "|class:" + (dataClass != null ? dataClass
                : principal.dataClass()), alias, request);
        return new One(alias, c, key, !Cacheability.has(cacheControl, "no-cache"));
    }

    /**
     * Who shares answers: the scope is the first part of every key, so two scopes never meet. The request's data
     * class is part of it too: an answer kept under one class's routing rules is not served under another's.
     */
    static String scope(CacheConfig c, Principal p) {
        return switch (c.scope()) {
            case GLOBAL -> "global";
            case TEAM -> p.team() != null ? "team:" + p.team() : "key:" + p.keyId();
            case KEY -> "key:" + p.keyId();
        };
    }

    private static final Lookup BYPASS = new Lookup() {
        @Override
        public Future<CachedAnswer> found() {
            return Future.succeededFuture();
        }

        @Override
        public String verdict() {
            return "bypass";
        }

        @Override
        public boolean wantsAnswer() {
            return false;
        }

        @Override
        public void offer(CachedAnswer answer) {
        }
    };

    /** The look-up of one cacheable request. Lives on the request's event loop. */
    private final class One implements Lookup {
        private final String alias;
        private final CacheConfig config;
        private final RequestKey key;
        private final boolean read;
        private String verdict = "miss";
        private float[] vector;

        One(String alias, CacheConfig config, RequestKey key, boolean read) {
            this.alias = alias;
            this.config = config;
            this.key = key;
            this.read = read;
        }

        private boolean semantic() {
            return config.mode() == CacheConfig.Mode.SEMANTIC && key.lastUser() != null;
        }

        @Override
        public Future<CachedAnswer> found() {
            if (!read) {
                return Future.succeededFuture();
            }
            return store.get(alias, key.exact()).compose(exact -> {
                if (exact != null) {
                    verdict = "hit";
                    return Future.succeededFuture(exact);
                }
                return semantic() ? similar() : Future.succeededFuture();
            });
        }

        /** The answer kept for the most similar last user turn in the same context, or null. */
        private Future<CachedAnswer> similar() {
            Future<String> near = embeddings.embed(key.lastUser(), v -> {
                vector = v;
                return index.nearest(alias, key.context(), key.lastUser(), v, config.threshold());
            });
            return near.compose(k -> k == null ? Future.<CachedAnswer>succeededFuture() : store.get(alias, k))
                    .map(this::servedSemantic)
                    .otherwise(e -> {
                        LOG.log(Level.WARNING, "response cache: the semantic look-up failed (served as a miss)", e);
                        return null;
                    });
        }

        private CachedAnswer servedSemantic(CachedAnswer a) {
            if (a != null) {
                verdict = "semantic";
            }
            return a;
        }

        @Override
        public String verdict() {
            return verdict;
        }

        @Override
        public boolean wantsAnswer() {
            return "miss".equals(verdict);
        }

        @Override
        public void offer(CachedAnswer answer) {
            if (!wantsAnswer() || !Cacheability.keeps(config, answer)) {
                return;
            }
            store.put(alias, config, key.exact(), answer);
            if (semantic()) {
                (vector != null ? Future.succeededFuture(vector) : embeddings.embed(key.lastUser()))
                        .onSuccess(v -> index.add(alias, config, key.context(), key.lastUser(), v, key.exact()))
                        .onFailure(e -> LOG.log(Level.WARNING, "response cache: could not embed a kept turn", e));
            }
        }
    }
}
