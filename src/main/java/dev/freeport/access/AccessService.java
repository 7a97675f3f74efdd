package dev.freeport.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.caller.Limits;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The admin operations on keys and teams, blocking (JDBC): run them on a worker. Each write refreshes the local
 * {@link KeySnapshot} at once; other replicas pick it up within their next refresh. Logs name keys by id and
 * prefix only.
 */
public final class AccessService {
    private static final Logger LOG = Logger.getLogger(AccessService.class.getName());

    /** A key with its secret, which exists only in this answer. */
    public record Issued(VirtualKey key, String secret) {
    }

    private final KeyStore store;
    private final KeySnapshot snapshot;
    private final Clock clock;

    public AccessService(KeyStore store, KeySnapshot snapshot, Clock clock) {
        this.store = store;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public Issued createKey(JsonNode body) {
        Instant now = clock.instant();
        String secret = Secrets.newSecret();
        VirtualKey blank = new VirtualKey(Secrets.newId("key"), null, Secrets.prefix(secret), Secrets.hash(secret),
                null, List.of(), null, Limits.NONE, null, null, null, now, now, 0);
        VirtualKey k = AdminFields.applyToKey(body, blank, now);
        requireTeam(k.team());
        k = store.saveKey(k);
        snapshot.refresh();
        LOG.info("key created: " + k.id() + " (" + k.prefix() + ")" + (k.team() == null ? "" : " team " + k.team()));
        return new Issued(k, secret);
    }

    public VirtualKey key(String id) {
        return store.key(id).orElseThrow(() -> notFound("key", id));
    }

    public List<VirtualKey> keys() {
        return store.keys();
    }

    public VirtualKey updateKey(String id, JsonNode body) {
        VirtualKey old = key(id);
        VirtualKey k = AdminFields.applyToKey(body, old, clock.instant());
        if (k.team() != null && !k.team().equals(old.team())) {
            requireTeam(k.team());
        }
        k = store.saveKey(k.touched(clock.instant()));
        snapshot.refresh();
        LOG.info("key updated: " + k.id() + " (" + k.prefix() + ")");
        return k;
    }

    public Issued rotateKey(String id) {
        VirtualKey old = key(id);
        if (old.revokedAt() != null) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 409, "key " + id + " is revoked; create a new key "
                    + "instead", "id", "key_revoked", null).toException();
        }
        String secret = Secrets.newSecret();
        VirtualKey k = store.saveKey(old.withSecret(Secrets.prefix(secret), Secrets.hash(secret))
                .touched(clock.instant()));
        snapshot.refresh();
        LOG.info("key rotated: " + k.id() + " (" + old.prefix() + " -> " + k.prefix() + ")");
        return new Issued(k, secret);
    }

    public VirtualKey revokeKey(String id) {
        VirtualKey old = key(id);
        if (old.revokedAt() != null) {
            return old;
        }
        Instant now = clock.instant();
        VirtualKey k = store.saveKey(old.revoked(now).touched(now));
        snapshot.refresh();
        LOG.info("key revoked: " + k.id() + " (" + k.prefix() + ")");
        return k;
    }

    public Team createTeam(JsonNode body) {
        String name = Specs.name("name", body.path("name").isTextual() ? body.get("name").asText() : null);
        Instant now = clock.instant();
        if (store.team(name).filter(t -> t.deletedAt() == null).isPresent()) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 409, "name: team '" + name + "' already exists",
                    "name", "team_exists", null).toException();
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("name");
        Team t = AdminFields.applyToTeam(body, new Team(name, List.of(), Limits.NONE, null, now, now, null, 0));
        t = store.saveTeam(t);
        snapshot.refresh();
        LOG.info("team created: " + name);
        return t;
    }

    public Team team(String name) {
        return store.team(name).filter(t -> t.deletedAt() == null).orElseThrow(() -> notFound("team", name));
    }

    public List<Team> teams() {
        return store.teams().stream().filter(t -> t.deletedAt() == null).toList();
    }

    public Team updateTeam(String name, JsonNode body) {
        Team old = team(name);
        if (body.has("name") && !name.equals(body.get("name").asText())) {
            throw Specs.bad("name", "a team cannot be renamed");
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("name");
        Team t = store.saveTeam(AdminFields.applyToTeam(body, old).touched(clock.instant(), null));
        snapshot.refresh();
        LOG.info("team updated: " + name);
        return t;
    }

    public Team deleteTeam(String name) {
        Team old = team(name);
        List<String> users = store.keys().stream().filter(k -> name.equals(k.team()) && k.revokedAt() == null)
                .map(VirtualKey::id).toList();
        if (!users.isEmpty()) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 409, "team '" + name + "' still has active keys: "
                    + String.join(", ", users) + "; revoke them or move them to another team first", "name",
                    "team_in_use", null).toException();
        }
        Instant now = clock.instant();
        Team t = store.saveTeam(old.touched(now, now));
        snapshot.refresh();
        LOG.info("team deleted: " + name);
        return t;
    }

    private void requireTeam(String team) {
        if (team != null && store.team(team).filter(t -> t.deletedAt() == null).isEmpty()) {
            throw Specs.bad("team", "no team '" + team + "'; create it first (POST /admin/teams)");
        }
    }

    private static GatewayException notFound(String what, String id) {
        return new GatewayError(ErrorKind.NOT_FOUND, 404, "no " + what + " '" + id + "'", null, what + "_not_found",
                null).toException();
    }
}
