package dev.freeport.cli;

import dev.freeport.api.VendorNames;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.ConfigException;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.route.assembly.RouteDescriptions;
import dev.freeport.vendors.VendorAdminApi;
import dev.freeport.vendors.VendorSwitch;
import dev.freeport.vendors.VendorSwitchStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code freeport vendor disable|enable|list}: the vendor kill switch. It writes the store the config names
 * directly (the shared PostgreSQL, or {@code access.db} in the ledger's data dir), so every replica reading that
 * store, or the gateway running on that data dir, applies it within a second; no running gateway is needed.
 */
@Command(name = "vendor", mixinStandardHelpOptions = true,
        description = "Kill switch: turn a vendor off or on for every replica, or list the switches.",
        subcommands = {VendorCommand.Disable.class, VendorCommand.Enable.class, VendorCommand.ListSwitches.class})
final class VendorCommand implements Runnable {
    static final String TAKES_EFFECT = "takes effect on every replica within 1 s";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Finds the store (as serve would) and runs one command on it; exit 2 for bad input, 1 if the store fails. */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"-c", "--config"}, description = "The gateway's config: its store (sqlite or postgres) "
                + "and ledger.data_dir.")
        Path config;

        @Option(names = "--data-dir", description = "The embedded store's directory (default: the config's "
                + "ledger.data_dir, else ./freeport-data).")
        Path dataDir;

        /** The loaded config when --config was given (for the impact notes), else null. */
        FreeportConfig loaded;

        abstract void run(VendorSwitchStore store, PrintWriter out);

        /**
         * With a config: a note when no alias routes to the vendor (a typo, or another replica's config), and the
         * aliases that have no target of another vendor (they answer 503 while it is off).
         */
        void impact(String vendor, PrintWriter err) {
            if (loaded == null) {
                return;
            }
            java.util.Set<String> all = new java.util.TreeSet<>();
            List<String> stranded = new ArrayList<>();
            for (var route : RouteDescriptions.describe(loaded,
                    PriceCatalog.bundled())) {
                route.targets().forEach(t -> all.add(t.vendor()));
                if (!route.targets().isEmpty() && route.targets().stream().allMatch(t -> vendor.equals(t.vendor()))) {
                    stranded.add(route.alias());
                }
            }
            if (!all.contains(vendor)) {
                err.println("note: no alias in " + config + " routes to vendor " + vendor + " (its vendors: "
                        + String.join(", ", all) + ")");
            } else if (!stranded.isEmpty()) {
                err.println("warning: while " + vendor + " is off these aliases have no other vendor and answer 503:"
                        + " " + String.join(", ", stranded));
            }
        }

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            String name = "freeport vendor " + spec.name();
            try {
                StoreConfig store = StoreConfig.EMBEDDED;
                Path dir = dataDir;
                if (config != null) {
                    FreeportConfig cfg = ConfigLoader.load(config);
                    loaded = cfg;
                    store = cfg.store();
                    dir = dir == null ? cfg.ledger().dataDir() : dir;
                }
                dir = dir == null ? Path.of("freeport-data") : dir;
                if (store.kind() == StoreConfig.Kind.SQLITE && !Files.isDirectory(dir)) {
                    err.println(name + ": no Freeport data dir at " + dir.toAbsolutePath() + " (pass --config with "
                            + "the gateway's config file, or --data-dir)");
                    return 1;
                }
                try (VendorSwitchStore s = VendorSwitchStore.open(store, dir)) {
                    run(s, spec.commandLine().getOut());
                }
                return 0;
            } catch (ConfigException e) {
                err.println(name + ": the config is not valid:");
                err.println(e.getMessage());
                return 2;
            } catch (IllegalArgumentException e) {
                err.println(name + ": " + e.getMessage());
                return 2;
            } catch (IllegalStateException e) {
                err.println(name + ": " + e.getMessage());
                return 1;
            } finally {
                spec.commandLine().getOut().flush();
                err.flush();
            }
        }

        static String by() {
            return "cli:" + System.getProperty("user.name", "?");
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Turn a vendor off: requests in flight finish, new ones go to fallback targets.")
    static final class Disable extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "The vendor, e.g. openai, deepseek, self.")
        String vendor;

        @Option(names = "--reason", description = "Why, for the record (shown by list and GET /admin/vendors).")
        String reason;

        @Override
        void run(VendorSwitchStore store, PrintWriter out) {
            String v = VendorNames.require(vendor);
            String why = reason == null || reason.isBlank() ? null : reason.strip();
            store.set(v, true, why, by());
            out.println("vendor " + v + " disabled: " + TAKES_EFFECT
                    + " (requests in flight finish; new ones go to fallbacks)");
            impact(v, spec.commandLine().getErr());
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Turn a vendor back on.")
    static final class Enable extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "The vendor, e.g. openai, deepseek, self.")
        String vendor;

        @Option(names = "--reason", description = "Why, for the record.")
        String reason;

        @Override
        void run(VendorSwitchStore store, PrintWriter out) {
            String v = VendorNames.require(vendor);
            String why = reason == null || reason.isBlank() ? null : reason.strip();
            store.set(v, false, why, by());
            out.println("vendor " + v + " enabled: " + TAKES_EFFECT);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every vendor that was ever switched: enabled or disabled, since when, by whom, why.")
    static final class ListSwitches extends Base {
        @Option(names = "--json", description = "Print JSON (as GET /admin/vendors answers).")
        boolean json;

        @Override
        void run(VendorSwitchStore store, PrintWriter out) {
            List<VendorSwitch> all = store.all();
            if (json) {
                out.println(VendorAdminApi.list(all).toPrettyString());
            } else if (all.isEmpty()) {
                out.println("no vendor switches: every vendor is enabled");
            } else {
                out.println(table(all));
            }
        }

        static String table(List<VendorSwitch> all) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"VENDOR", "STATUS", "SINCE", "BY", "REASON"});
            for (VendorSwitch s : all) {
                rows.add(new String[]{s.vendor(), s.disabled() ? "disabled" : "enabled", s.changedAt().toString(),
                        s.changedBy() == null ? "-" : s.changedBy(), s.reason() == null ? "-" : s.reason()});
            }
            return Tables.render(rows);
        }
    }
}
