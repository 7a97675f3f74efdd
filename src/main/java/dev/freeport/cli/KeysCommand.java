package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.Suggest;
import dev.freeport.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code freeport keys create|list|show|update|rotate|revoke}: virtual keys through a running gateway's admin API.
 * The secret is printed once, by create and rotate.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage virtual keys on a running gateway.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Show.class,
                KeysCommand.Update.class,
                KeysCommand.Rotate.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** An admin-API command: the gateway and admin key from flags, env or config; --json; errors for the user. */
    abstract static class Base extends CliCommand {
        @Mixin
        AdminOptions admin;

        @Mixin
        ConfigOption config;

        @Option(names = "--json", description = "Print the gateway's JSON answer.")
        boolean json;

        abstract void run(AdminClient client, PrintWriter out);

        @Override
        int execute() {
            run(admin.client(config), out());
            return 0;
        }

        void print(PrintWriter out, JsonNode node) {
            out.println(json ? node.toPrettyString() : Tables.key(node));
        }

        /** With a config in use, every alias in --models must be one of its aliases. */
        void checkModels(List<String> models) {
            FreeportConfig cfg = models == null ? null : config.load();
            if (cfg == null) {
                return;
            }
            List<String> aliases = cfg.models().stream().map(ModelConfig::name).toList();
            for (String m : models) {
                if (!m.isBlank() && !aliases.contains(m.strip())) {
                    throw CliFailure.usage("--models: no alias \"" + m.strip() + "\" in " + config.path().orElseThrow()
                            + " (its aliases: " + (aliases.isEmpty() ? "none" : String.join(", ", aliases)) + ")"
                            + Suggest.hint(m.strip(), aliases));
                }
            }
        }
    }

    /** Options of create and update. */
    static final class KeyOptions {
        @Option(names = "--name", description = "A name to recognise the key by.")
        String name;

        @Option(names = "--team", description = "The key's team ('none' removes it).")
        String team;

        @Option(names = "--models", split = ",", description = "Aliases the key may use, comma-separated (default: "
                + "all); checked against the config's aliases when there is one.")
        List<String> models;

        @Option(names = "--expires", paramLabel = "WHEN", description = "A duration from now (12h, 30d, 2w, as everywhere in Freeport) or "
                + "an ISO instant; 'never' removes it.")
        String expires;

        @Mixin
        LimitOptions limits;

        @Mixin
        RuleOptions rules;

        ObjectNode body() {
            ObjectNode b = Json.NODES.objectNode();
            if (name != null) {
                b.put("name", name);
            }
            if (team != null) {
                if (team.equalsIgnoreCase("none")) {
                    b.putNull("team");
                } else {
                    b.put("team", team);
                }
            }
            if (models != null) {
                models.stream().filter(m -> !m.isBlank()).map(String::strip).forEach(b.putArray("models")::add);
            }
            if (expires != null) {
                if (expires.equalsIgnoreCase("never")) {
                    b.putNull("expires");
                } else {
                    b.put("expires", expiry(expires, Instant.now()).toString());
                }
            }
            limits.write(b);
            rules.write(b);
            return b;
        }

        /** An ISO instant as given, else a duration from {@code now}. */
        static Instant expiry(String text, Instant now) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                return now.plus(CliCommand.duration("--expires", text));
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key and print its secret once.")
    static final class Create extends Base {
        @Mixin
        KeyOptions key;

        @Override
        void run(AdminClient client, PrintWriter out) {
            checkModels(key.models);
            issued(out, client.call("POST", "/admin/keys", key.body()), json);
        }
    }

    static void issued(PrintWriter out, JsonNode k, boolean json) {
        if (json) {
            out.println(k.toPrettyString());
            return;
        }
        out.println(Tables.key(k));
        out.println();
        out.println("  secret: " + k.path("secret").asText());
        out.println();
        out.println("WARNING: this secret is shown only once. Store it now; Freeport keeps only its hash and cannot "
                + "show it again (rotate the key to get a new one).");
        if (k.hasNonNull("open_gateway")) {
            out.println("NOTE: " + k.path("open_gateway").asText() + ".");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (prefixes, never secrets).")
    static final class ListKeys extends Base {
        @Override
        void run(AdminClient client, PrintWriter out) {
            JsonNode list = client.call("GET", "/admin/keys", null);
            out.println(json ? list.toPrettyString() : Tables.keys(list.path("data")));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one key (prefix, never its secret).")
    static final class Show extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The key's id (key_...).")
        String id;

        @Override
        void run(AdminClient client, PrintWriter out) {
            print(out, client.call("GET", "/admin/keys/" + id, null));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change a key; options not given stay.")
    static final class Update extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The key's id (key_...).")
        String id;

        @Mixin
        KeyOptions key;

        @Override
        void run(AdminClient client, PrintWriter out) {
            checkModels(key.models);
            print(out, client.call("PATCH", "/admin/keys/" + id, key.body()));
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Give a key a new secret (printed once); the old secret stops working.")
    static final class Rotate extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The key's id (key_...).")
        String id;

        @Override
        void run(AdminClient client, PrintWriter out) {
            issued(out, client.call("POST", "/admin/keys/" + id + "/rotate", null), json);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: every replica rejects it within a second.")
    static final class Revoke extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The key's id (key_...).")
        String id;

        @Override
        void run(AdminClient client, PrintWriter out) {
            print(out, client.call("DELETE", "/admin/keys/" + id, null));
        }
    }
}
