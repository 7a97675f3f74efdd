package dev.freeport.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.json.Json;
import dev.freeport.route.Trust;
import dev.freeport.route.VendorRules;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** How keys and teams look in the admin API's answers. Never a secret or its hash; the secret only on issue. */
final class AdminJson {
    private AdminJson() {
    }

    static ObjectNode key(VirtualKey k, Instant now) {
        ObjectNode n = Json.NODES.objectNode();
        n.put("object", "key");
        n.put("id", k.id());
        n.put("name", k.name());
        n.put("prefix", k.prefix());
        n.put("status", k.status(now));
        n.put("team", k.team());
        strings(n.putArray("tags"), k.tags());
        strings(n.putArray("models"), List.copyOf(k.models()));
        limits(n, k.limits());
        n.set("budget", budget(k.budget()));
        rules(n, k.rules(), k.dataClass());
        n.put("expires_at", str(k.expiresAt()));
        n.put("revoked_at", str(k.revokedAt()));
        n.put("created_at", str(k.createdAt()));
        n.put("updated_at", str(k.updatedAt()));
        return n;
    }

    static ObjectNode issued(AccessService.Issued issued, Instant now) {
        ObjectNode n = key(issued.key(), now);
        n.put("secret", issued.secret());
        n.put("warning", "Store this secret now: it is shown only once and cannot be recovered.");
        return n;
    }

    static ObjectNode team(Team t) {
        ObjectNode n = Json.NODES.objectNode();
        n.put("object", "team");
        n.put("name", t.name());
        strings(n.putArray("tags"), t.tags());
        limits(n, t.limits());
        n.set("budget", budget(t.budget()));
        rules(n, t.rules(), t.dataClass());
        n.put("created_at", str(t.createdAt()));
        n.put("updated_at", str(t.updatedAt()));
        if (t.deletedAt() != null) {
            n.put("deleted_at", str(t.deletedAt()));
        }
        return n;
    }

    static ObjectNode list(List<ObjectNode> items) {
        ObjectNode n = Json.NODES.objectNode();
        n.put("object", "list");
        n.putArray("data").addAll(items);
        return n;
    }

    private static void limits(ObjectNode n, Limits l) {
        if (l.rpm() == null) {
            n.putNull("rpm");
        } else {
            n.put("rpm", l.rpm());
        }
        if (l.tpm() == null) {
            n.putNull("tpm");
        } else {
            n.put("tpm", l.tpm());
        }
        if (l.maxParallel() == null) {
            n.putNull("max_parallel");
        } else {
            n.put("max_parallel", l.maxParallel());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode budget(Budget b) {
        if (b == null) {
            return Json.NODES.nullNode();
        }
        ObjectNode n = Json.NODES.objectNode();
        n.put("amount_usd", new java.math.BigDecimal(Specs.usd(b.limitNanos())));
        n.put("period", b.period().name().toLowerCase(Locale.ROOT));
        n.put("hard", b.hard());
        ArrayNode a = n.putArray("alert_percents");
        b.alertPercents().forEach(a::add);
        n.put("text", Specs.describe(b));
        return n;
    }

    /** allow_vendors, deny_vendors, allow_jurisdictions, deny_jurisdictions, allow_trust (sorted), data_class. */
    private static void rules(ObjectNode n, VendorRules r, String dataClass) {
        strings(n.putArray("allow_vendors"), r.allowVendors().stream().sorted().toList());
        strings(n.putArray("deny_vendors"), r.denyVendors().stream().sorted().toList());
        strings(n.putArray("allow_jurisdictions"), r.allowJurisdictions().stream().sorted().toList());
        strings(n.putArray("deny_jurisdictions"), r.denyJurisdictions().stream().sorted().toList());
        strings(n.putArray("allow_trust"), r.allowTrust().stream().sorted().map(Trust::label).toList());
        n.put("data_class", dataClass);
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
