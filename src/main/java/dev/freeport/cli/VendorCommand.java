package dev.freeport.cli;

import dev.freeport.api.VendorNames;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.vendors.VendorAdminApi;
import dev.freeport.vendors.VendorSwitch;
import dev.freeport.vendors.VendorSwitchStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code freeport vendor disable|enable|list}: the vendor kill switch. It writes the store the config names
 * directly (the shared PostgreSQL, or {@code access.db} in the ledger's data dir), so every replica reading that
 * store, or the gateway running on that data dir, applies it within a second; no running gateway is needed.
 * A name that neither the config nor the catalog knows is refused with a "did you mean" ({@code --force} writes it
 * anyway, e.g. for a vendor only another replica's config routes to).
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
    abstract static class Base extends CliCommand {
        @Mixin
        ConfigOption config;

        @Mixin
        DataOptions data;

        /** The config in use (the demo's with --demo), or null. */
        FreeportConfig loaded;
        /** where the store is (the admin audit log goes next to it) */
        private LedgerSource source;

        abstract void run(VendorSwitchStore store, PrintWriter out);

        @Override
        int execute() {
            LedgerSource source = data.source(config);
            this.source = source;
            loaded = source.config();
            if (source.store().kind() == StoreConfig.Kind.SQLITE && source.dataDir() == null) {
                throw CliFailure.failed("no Freeport data dir at " + source.shown().toAbsolutePath() + " "
                        + source.advice());
            }
            try (VendorSwitchStore s = VendorSwitchStore.open(source.store(), source.shown())) {
                run(s, out());
            } catch (IllegalStateException e) {
                throw CliFailure.failed(e.getMessage());
            }
            return 0;
        }

        /** The normalised name; an invalid one, or one nobody knows (unless forced or already switched), exit 2. */
        String known(String name, VendorSwitchStore store, boolean force) {
            String v;
            try {
                v = VendorNames.require(name);
            } catch (IllegalArgumentException e) {
                throw CliFailure.usage(e.getMessage());
            }
            SortedSet<String> known = new TreeSet<>(KnownVendors.catalog());
            if (loaded != null) {
                known.addAll(KnownVendors.ofConfig(loaded));
            }
            store.all().forEach(s -> known.add(s.vendor()));
            if (!force && !known.contains(v)) {
                SortedSet<String> configured = loaded == null ? new TreeSet<>() : KnownVendors.ofConfig(loaded);
                throw CliFailure.usage("unknown vendor \"" + v + "\"" + KnownVendors.hint(v, known, loaded)
                        + (loaded == null ? "" : "; the vendors of " + where() + ": " + String.join(", ", configured))
                        + "; --force switches it anyway");
            }
            return v;
        }

        private String where() {
            return config.path().map(Object::toString).orElse("the demo");
        }

        /**
         * With a config: a note when no alias routes to the vendor (another replica's config?), and the aliases
         * that have no target of another vendor (they answer 503 while it is off).
         */
        void impact(String vendor, PrintWriter err) {
            if (loaded == null) {
                return;
            }
            List<String> stranded = new ArrayList<>();
            for (var route : dev.freeport.route.assembly.RouteDescriptions.describe(loaded,
                    dev.freeport.catalog.PriceCatalog.bundled())) {
                if (!route.targets().isEmpty() && route.targets().stream().allMatch(t -> vendor.equals(t.vendor()))) {
                    stranded.add(route.alias());
                }
            }
            SortedSet<String> all = KnownVendors.ofConfig(loaded);
            if (!all.contains(vendor)) {
                err.println("note: no alias in " + where() + " routes to vendor " + vendor + " (its vendors: "
                        + String.join(", ", all) + ")");
            } else if (!stranded.isEmpty()) {
                err.println("warning: while " + vendor + " is off these aliases have no other vendor and answer 503:"
                        + " " + String.join(", ", stranded));
            }
        }

        static String by() {
            return "cli:" + System.getProperty("user.name", "?");
        }

        /** Switches a vendor and appends the change to the admin audit log (the CLI writes the store itself). */
        void set(VendorSwitchStore store, String vendor, boolean disable, String reason) {
            VendorSwitch before = store.all().stream().filter(x -> x.vendor().equals(vendor)).findFirst().orElse(null);
            VendorSwitch after = store.set(vendor, disable, reason, by());
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "?";
            }
            try (var log = dev.freeport.adminlog.AdminLogStore.open(source.store(), source.shown())) {
                log.append(new dev.freeport.module.AdminAction(System.currentTimeMillis(), by(), "cli@" + host, "CLI",
                        "vendor " + (disable ? "disable " : "enable ") + vendor, 0,
                        VendorAdminApi.json(before, vendor).toString(), VendorAdminApi.json(after, vendor).toString(),
                        null));
            } catch (IllegalStateException e) {
                err().println("warning: the switch is set, but the admin log could not record it: " + e.getMessage());
            }
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Turn a vendor off: requests in flight finish, new ones go to fallback targets.")
    static final class Disable extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "The vendor, e.g. openai, deepseek, self.")
        String vendor;

        @Option(names = "--reason", description = "Why, for the record (shown by list and GET /admin/vendors).")
        String reason;

        @Option(names = "--force", description = "Switch a vendor that neither the config nor the catalog knows.")
        boolean force;

        @Override
        void run(VendorSwitchStore store, PrintWriter out) {
            String v = known(vendor, store, force);
            String why = reason == null || reason.isBlank() ? null : reason.strip();
            set(store, v, true, why);
            out.println("vendor " + v + " disabled: " + TAKES_EFFECT
                    + " (requests in flight finish; new ones go to fallbacks)");
            impact(v, err());
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Turn a vendor back on.")
    static final class Enable extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "The vendor, e.g. openai, deepseek, self.")
        String vendor;

        @Option(names = "--reason", description = "Why, for the record.")
        String reason;

        @Option(names = "--force", description = "Switch a vendor that neither the config nor the catalog knows.")
        boolean force;

        @Override
        void run(VendorSwitchStore store, PrintWriter out) {
            String v = known(vendor, store, force);
            String why = reason == null || reason.isBlank() ? null : reason.strip();
            set(store, v, false, why);
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
            TextTable t = new TextTable("VENDOR", "STATUS", "SINCE", "BY", "REASON");
            for (VendorSwitch s : all) {
                t.row(s.vendor(), s.disabled() ? "disabled" : "enabled", s.changedAt().toString(), s.changedBy(),
                        s.reason());
            }
            return t.render("").stripTrailing();
        }
    }
}
