package dev.freeport.server;

import dev.freeport.module.AdminLog;

import dev.freeport.caller.Authenticator;
import dev.freeport.caller.MasterKeyAuthenticator;
import dev.freeport.config.FreeportConfig;
import dev.freeport.front.Front;
import dev.freeport.module.AdminRoutes;
import dev.freeport.module.AdminSessions;
import dev.freeport.module.Module;
import dev.freeport.module.WebRoutes;
import dev.freeport.module.PageRoute;
import dev.freeport.module.RequestWatcher;
import dev.freeport.policy.Policy;
import dev.freeport.route.VendorSwitches;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A gateway's modules, composed: the one authenticator (the config's master key when no module authenticates),
 * the policies of every module in module order, their admin groups, fronts, watchers and pages, their vendor switches (a vendor
 * is off when any module says so), and closing them in reverse order.
 */
final class Modules implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Modules.class.getName());

    /** How long the gateway's start waits for the modules' {@link Module#warm} before it is ready anyway. */
    static final java.time.Duration WARM_WAIT = java.time.Duration.ofSeconds(10);
    /** {@link #WARM_WAIT}; shorter in tests of a module that never warms */
    static volatile java.time.Duration warmWait = WARM_WAIT;

    private final List<Module> modules;

    Modules(List<Module> modules) {
        this.modules = List.copyOf(modules);
        if (modules.stream().filter(m -> m.authenticators() != null).count() > 1) {
            throw new IllegalArgumentException("more than one module authenticates callers");
        }
    }

    Function<FreeportConfig, Authenticator> authenticators() {
        for (Module m : modules) {
            if (m.authenticators() != null) {
                return m.authenticators();
            }
        }
        return cfg -> new MasterKeyAuthenticator(cfg.server().masterKey(), cfg.server().requireKeys());
    }

    List<Policy> policies() {
        return modules.stream().flatMap(m -> m.policies().stream()).toList();
    }

    List<AdminRoutes> adminRoutes() {
        return modules.stream().flatMap(m -> m.adminRoutes().stream()).toList();
    }

    List<WebRoutes> webRoutes() {
        return modules.stream().flatMap(m -> m.webRoutes().stream()).toList();
    }

    /** Every module's admin sessions, asked in module order; the first that recognises a request decides. */
    AdminSessions adminSessions() {
        List<AdminSessions> all = modules.stream().map(Module::adminSessions).filter(s -> s != null).toList();
        return (method, header, keyId) -> {
            for (AdminSessions s : all) {
                AdminSessions.Verdict v = s.check(method, header, keyId);
                if (v != null) {
                    return v;
                }
            }
            return null;
        };
    }

    /** The audit log every admin action goes to: each module's that keeps one; null when none does. */
    AdminLog adminLog() {
        List<AdminLog> logs = modules.stream().map(Module::adminLog)
                .filter(java.util.Objects::nonNull).toList();
        return logs.isEmpty() ? null : logs.size() == 1 ? logs.getFirst() : a -> logs.forEach(l -> l.append(a));
    }

    List<dev.freeport.module.AnswerTap> answerTaps() {
        return modules.stream().flatMap(m -> m.answerTaps().stream()).toList();
    }

    /** The one module's response cache (step "cache"), or null when no module caches. */
    dev.freeport.module.ResponseCache responseCache() {
        List<dev.freeport.module.ResponseCache> all = modules.stream().map(Module::responseCache)
                .filter(java.util.Objects::nonNull).toList();
        if (all.size() > 1) {
            throw new IllegalArgumentException("more than one module caches answers");
        }
        return all.isEmpty() ? null : all.getFirst();
    }

    /**
     * Every module's {@link Module#warm} at once (e.g. every budget's starting spend from the ledger), waited for at
     * most {@link #warmWait} ({@link #WARM_WAIT}): a slow ledger delays "ready" by that much at most; what is not
     * loaded by then goes on loading, and the first request that needs it waits for it. Blocks the calling thread
     * (the gateway's start).
     */
    void warm(Authenticator authenticator) {
        long t0 = System.nanoTime();
        long wait = warmWait.toMillis();
        try {
            io.vertx.core.Future.join(modules.stream().map(m -> m.warm(authenticator)).toList())
                    .toCompletionStage().toCompletableFuture().get(wait, java.util.concurrent.TimeUnit.MILLISECONDS);
            LOG.fine(() -> "modules warmed in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warning("modules not warmed within " + wait + " ms (e.g. budgets' starting spend from a slow ledger): "
                    + "ready anyway; the rest goes on loading, and a key's first request waits for its budget's");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warning("a module could not warm: " + e.getCause().getMessage() + "; ready anyway (it loads on use)");
        }
    }

    List<Front> fronts() {
        return modules.stream().flatMap(m -> m.fronts().stream()).toList();
    }

    RequestWatcher watcher() {
        return RequestWatcher.all(modules.stream().map(Module::watcher).toList());
    }

    List<PageRoute> pages() {
        return modules.stream().flatMap(m -> m.pages().stream()).toList();
    }

    /** Every module's canaries, asked in module order; the first that has one for an alias decides. */
    dev.freeport.route.Canaries canaries() {
        List<dev.freeport.route.Canaries> all = modules.stream().map(Module::canaries)
                .filter(java.util.Objects::nonNull).toList();
        if (all.isEmpty()) {
            return dev.freeport.route.Canaries.NONE;
        }
        if (all.size() == 1) {
            return all.getFirst();
        }
        return alias -> {
            for (dev.freeport.route.Canaries c : all) {
                dev.freeport.route.Canaries.Canary k = c.canary(alias);
                if (k != null) {
                    return k;
                }
            }
            return null;
        };
    }

    VendorSwitches vendorSwitches() {
        List<VendorSwitches> all = new ArrayList<>();
        for (Module m : modules) {
            if (m.vendorSwitches() != null) {
                all.add(m.vendorSwitches());
            }
        }
        if (all.isEmpty()) {
            return VendorSwitches.NONE;
        }
        if (all.size() == 1) {
            return all.getFirst();
        }
        return vendor -> {
            for (VendorSwitches s : all) {
                VendorSwitches.Off off = s.disabled(vendor);
                if (off != null) {
                    return off;
                }
            }
            return null;
        };
    }

    /** Hands every module what it may send through the flow. */
    void attach(dev.freeport.module.InnerRequests requests) {
        modules.forEach(m -> m.attach(requests));
    }

    @Override
    public void close() {
        for (int i = modules.size() - 1; i >= 0; i--) {
            try {
                modules.get(i).close();
            } catch (Exception e) {
                LOG.warning("a module did not close cleanly: " + e.getMessage());
            }
        }
    }
}
