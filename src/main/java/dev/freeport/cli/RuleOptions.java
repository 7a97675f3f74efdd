package dev.freeport.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * --allow-vendor/--deny-vendor/--allow-jurisdiction/--deny-jurisdiction/--allow-trust/--data-class, shared by keys
 * and teams: which vendors, jurisdictions and trust levels the caller may reach, and its default data class. Each
 * list option repeats or takes a comma list; 'none' clears it. Only given options are sent; the gateway validates.
 */
final class RuleOptions {
    @Option(names = "--allow-vendor", split = ",", paramLabel = "VENDOR",
            description = "Only these vendors (e.g. openai,mistral); repeatable; 'none' clears.")
    List<String> allowVendors;

    @Option(names = "--deny-vendor", split = ",", paramLabel = "VENDOR",
            description = "Never these vendors; repeatable; 'none' clears.")
    List<String> denyVendors;

    @Option(names = "--allow-jurisdiction", split = ",", paramLabel = "CODE",
            description = "Only vendors based and hosting in these (DE, US, EU, ...); repeatable; 'none' clears.")
    List<String> allowJurisdictions;

    @Option(names = "--deny-jurisdiction", split = ",", paramLabel = "CODE",
            description = "Never vendors based or hosting in these; repeatable; 'none' clears.")
    List<String> denyJurisdictions;

    @Option(names = "--allow-trust", split = ",", paramLabel = "LEVEL",
            description = "Only these trust levels: self-hosted, contracted, public; repeatable; 'none' clears.")
    List<String> allowTrust;

    @Option(names = "--data-class", paramLabel = "CLASS",
            description = "Data class of requests that name none (e.g. confidential); 'none' removes it.")
    String dataClass;

    void write(ObjectNode body) {
        list(body, "allow_vendors", allowVendors);
        list(body, "deny_vendors", denyVendors);
        list(body, "allow_jurisdictions", allowJurisdictions);
        list(body, "deny_jurisdictions", denyJurisdictions);
        list(body, "allow_trust", allowTrust);
        if (dataClass != null) {
            if (dataClass.equalsIgnoreCase("none")) {
                body.putNull("data_class");
            } else {
                body.put("data_class", dataClass);
            }
        }
    }

    private static void list(ObjectNode body, String field, List<String> values) {
        if (values == null) {
            return;
        }
        var a = body.putArray(field);
        if (values.size() == 1 && values.getFirst().equalsIgnoreCase("none")) {
            return; // [] clears
        }
        values.stream().filter(v -> !v.isBlank()).map(String::strip).forEach(a::add);
    }
}
