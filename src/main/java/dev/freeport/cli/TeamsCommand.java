package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * {@code freeport teams create|list|update|delete}: teams (shared budgets, limits and vendor rules) through the
 * admin API.
 */
@Command(name = "teams", mixinStandardHelpOptions = true, description = "Manage teams on a running gateway.",
        subcommands = {TeamsCommand.Create.class, TeamsCommand.ListTeams.class, TeamsCommand.Update.class,
                TeamsCommand.Delete.class})
final class TeamsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    abstract static class TeamBase extends KeysCommand.Base {
        @Override
        void print(PrintWriter out, JsonNode node) {
            out.println(json ? node.toPrettyString() : Tables.team(node));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a team.")
    static final class Create extends TeamBase {
        @Parameters(index = "0", paramLabel = "NAME", description = "The team's name.")
        String name;

        @Mixin
        LimitOptions limits;

        @Mixin
        RuleOptions rules;

        @Override
        void run(AdminClient client, PrintWriter out) {
            ObjectNode b = Json.NODES.objectNode().put("name", name);
            limits.write(b);
            rules.write(b);
            print(out, client.call("POST", "/admin/teams", b));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List teams.")
    static final class ListTeams extends TeamBase {
        @Override
        void run(AdminClient client, PrintWriter out) {
            JsonNode list = client.call("GET", "/admin/teams", null);
            out.println(json ? list.toPrettyString() : Tables.teams(list.path("data")));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change a team; options not given stay.")
    static final class Update extends TeamBase {
        @Parameters(index = "0", paramLabel = "NAME", description = "The team's name.")
        String name;

        @Mixin
        LimitOptions limits;

        @Mixin
        RuleOptions rules;

        @Override
        void run(AdminClient client, PrintWriter out) {
            ObjectNode b = Json.NODES.objectNode();
            limits.write(b);
            rules.write(b);
            print(out, client.call("PATCH", "/admin/teams/" + name, b));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a team without active keys.")
    static final class Delete extends TeamBase {
        @Parameters(index = "0", paramLabel = "NAME", description = "The team's name.")
        String name;

        @Override
        void run(AdminClient client, PrintWriter out) {
            print(out, client.call("DELETE", "/admin/teams/" + name, null));
        }
    }
}
