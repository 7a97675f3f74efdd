package dev.freeport.route;

/**
 * Canaries in force: for an alias, a candidate alias that takes a share of its traffic while the migration lab
 * watches it (docs/MIGRATION.md, "Canary"). Read on every routing decision, so it must be an in-memory lookup; the
 * implementation keeps it current across replicas, like the kill switch ({@link VendorSwitches}).
 */
public interface Canaries {

    /** No canary anywhere. */
    Canaries NONE = alias -> null;

    /**
     * A canary of one alias.
     *
     * @param alias     the alias whose traffic is shared
     * @param candidate the alias whose targets take the canary's share
     * @param percent   the share of the alias's requests drawn for the candidate, 1..100
     */
    record Canary(String alias, String candidate, int percent) {
        public Canary {
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("a canary's share is 1..100 %, not " + percent);
            }
        }
    }

    /** The canary of {@code alias} in force, or null. */
    Canary canary(String alias);
}
