package dev.freeport.access;

import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.route.Trust;
import dev.freeport.route.VendorRules;
import dev.freeport.store.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Vendor rules and data classes of keys and teams in the SQLite store, the migration to them, and the snapshot. */
class KeyRulesStoreTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final VendorRules KEY_RULES = new VendorRules(Set.of("openai", "mistral"), Set.of("deepseek"),
            Set.of("EU"), Set.of("CN", "RU"), Set.of(Trust.SELF_HOSTED, Trust.CONTRACTED));
    static final VendorRules TEAM_RULES = new VendorRules(Set.of(), Set.of("xai"), Set.of(), Set.of(),
            Set.of(Trust.SELF_HOSTED));

    @TempDir
    Path dir;

    static VirtualKey key(String id, String secret, String team, VendorRules rules, String dataClass) {
        return KeyStoreTest.key(id, secret).with("n-" + id, team, List.of(), Set.of(), Limits.NONE, null, null)
                .withRules(rules, dataClass);
    }

    static Team team(String name, VendorRules rules, String dataClass) {
        return new Team(name, List.of(), Limits.NONE, null, rules, dataClass, NOW, NOW, null, 0);
    }

    @Test
    void keyRulesAndDataClassRoundTrip() {
        try (KeyStore s = KeyStore.sqlite(dir)) {
            VirtualKey saved = s.saveKey(key("key_a", Secrets.newSecret(), null, KEY_RULES, "confidential"));
            VirtualKey read = s.key("key_a").orElseThrow();
            assertThat(read).isEqualTo(saved);
            assertThat(read.rules()).isEqualTo(KEY_RULES);
            assertThat(read.dataClass()).isEqualTo("confidential");
        }
    }

    @Test
    void teamRulesAndDataClassRoundTrip() {
        try (KeyStore s = KeyStore.sqlite(dir)) {
            Team saved = s.saveTeam(team("search", TEAM_RULES, "internal"));
            assertThat(s.team("search")).contains(saved);
            assertThat(s.team("search").orElseThrow().rules().allowTrust()).containsExactly(Trust.SELF_HOSTED);
        }
    }

    @Test
    void keyWithoutRulesReadsBackAsNone() {
        try (KeyStore s = KeyStore.sqlite(dir)) {
            s.saveKey(KeyStoreTest.key("key_a", Secrets.newSecret()));
            VirtualKey read = s.key("key_a").orElseThrow();
            assertThat(read.rules()).isSameAs(VendorRules.NONE);
            assertThat(read.dataClass()).isNull();
        }
    }

    @Test
    void keyWrittenUnderSchemaVersionOneStillAuthenticatesWithoutRulesAfterMigration() throws Exception {
        String secret = Secrets.newSecret();
        String url = "jdbc:sqlite:" + dir.resolve("access.db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url)) {
            writeVersionOneKey(c, "key_old", secret);
        }
        try (KeyStore s = KeyStore.sqlite(dir)) {
            VirtualKey k = s.key("key_old").orElseThrow();
            assertThat(k.rules()).isEqualTo(VendorRules.NONE);
            assertThat(k.dataClass()).isNull();
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            Principal p = snap.lookup(Secrets.hash(secret)).principal();
            assertThat(p.keyId()).isEqualTo("key_old");
            assertThat(p.keyLimits().rpm()).isEqualTo(7);
            assertThat(p.keyRules().isEmpty()).isTrue();
            assertThat(p.teamRules().isEmpty()).isTrue();
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(Migrations.currentVersion(c, AccessSchema.SCHEMA)).isEqualTo(AccessSchema.SCHEMA.latest());
        }
    }

    /** Builds the schema as version 1 left it and writes one key with only its columns. */
    static void writeVersionOneKey(Connection c, String id, String secret) throws SQLException {
        Migrations.apply(c, AccessSchema.SCHEMA, Migrations.Dialect.SQLITE, 1);
        assertThat(Migrations.currentVersion(c, AccessSchema.SCHEMA)).isEqualTo(1);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_keys (id, name, prefix, secret_hash, "
                + "team, tags, models, rpm, created_ms, updated_ms, version) VALUES (?,?,?,?,NULL,'','',7,?,?,1)")) {
            ps.setString(1, id);
            ps.setString(2, "old");
            ps.setString(3, Secrets.prefix(secret));
            ps.setString(4, Secrets.hash(secret));
            ps.setLong(5, NOW.toEpochMilli());
            ps.setLong(6, NOW.toEpochMilli());
            ps.executeUpdate();
        }
        try (var st = c.createStatement()) {
            st.executeUpdate("UPDATE access_clock SET version = 1 WHERE id = 1");
        }
    }

    @Test
    void principalCarriesKeyRulesTeamRulesAndTheKeysDataClass() {
        try (KeyStore s = KeyStore.sqlite(dir)) {
            s.saveTeam(team("search", TEAM_RULES, "internal"));
            String secret = Secrets.newSecret();
            s.saveKey(key("key_a", secret, "search", KEY_RULES, "confidential"));
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            Principal p = snap.lookup(Secrets.hash(secret)).principal();
            assertThat(p.keyRules()).isEqualTo(KEY_RULES);
            assertThat(p.teamRules()).isEqualTo(TEAM_RULES);
            assertThat(p.dataClass()).isEqualTo("confidential");
        }
    }

    @Test
    void principalFallsBackToTheTeamsDataClass() {
        try (KeyStore s = KeyStore.sqlite(dir)) {
            s.saveTeam(team("search", TEAM_RULES, "internal"));
            String secret = Secrets.newSecret();
            s.saveKey(key("key_a", secret, "search", VendorRules.NONE, null));
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            assertThat(snap.lookup(Secrets.hash(secret)).principal().dataClass()).isEqualTo("internal");
        }
    }

    @Test
    void keyWithoutTeamOrDataClassHasNone() {
        try (KeyStore s = KeyStore.sqlite(dir)) {
            String secret = Secrets.newSecret();
            s.saveKey(key("key_a", secret, null, VendorRules.NONE, null));
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            Principal p = snap.lookup(Secrets.hash(secret)).principal();
            assertThat(p.dataClass()).isNull();
            assertThat(p.teamRules()).isEqualTo(VendorRules.NONE);
        }
    }

    @Test
    void teamRuleChangeReachesExistingKeysPrincipalsAfterRefresh() {
        try (KeyStore s = KeyStore.sqlite(dir)) {
            Team t = s.saveTeam(team("search", VendorRules.NONE, null));
            String secret = Secrets.newSecret();
            s.saveKey(key("key_a", secret, "search", VendorRules.NONE, null));
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            assertThat(snap.lookup(Secrets.hash(secret)).principal().teamRules().isEmpty()).isTrue();
            s.saveTeam(t.withRules(TEAM_RULES, "restricted"));
            snap.refresh();
            Principal p = snap.lookup(Secrets.hash(secret)).principal();
            assertThat(p.teamRules()).isEqualTo(TEAM_RULES);
            assertThat(p.dataClass()).isEqualTo("restricted");
        }
    }
}
