package dev.freeport.access;

import dev.freeport.route.Trust;
import dev.freeport.route.VendorRules;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a key's or team's vendor rules and data class sit in the store (migration 2): five TEXT columns holding
 * sorted comma-separated values (vendor names lower case, jurisdiction codes upper case, trust levels by
 * {@link Trust#label()}; NULL or '' = empty set) and {@code data_class} (NULL = none). Rows written before
 * migration 2 read as {@link VendorRules#NONE} and no data class.
 */
final class RuleColumns {
    static final List<String> COLUMNS = List.of("allow_vendors", "deny_vendors", "allow_jurisdictions",
            "deny_jurisdictions", "allow_trust", "data_class");

    /** ", "-joined, for the column lists of the SQL. */
    static final String SQL = String.join(", ", COLUMNS);

    private RuleColumns() {
    }

    /** Binds the six columns from {@code i}; returns the next parameter index. */
    static int bind(PreparedStatement ps, int i, VendorRules r, String dataClass) throws SQLException {
        ps.setString(i++, join(r.allowVendors()));
        ps.setString(i++, join(r.denyVendors()));
        ps.setString(i++, join(r.allowJurisdictions()));
        ps.setString(i++, join(r.denyJurisdictions()));
        ps.setString(i++, join(r.allowTrust().stream().map(Trust::label).toList()));
        ps.setString(i++, dataClass);
        return i;
    }

    static VendorRules rules(ResultSet rs) throws SQLException {
        Set<Trust> trust = split(rs.getString("allow_trust")).stream().map(Trust::parse)
                .filter(java.util.Objects::nonNull).collect(Collectors.toUnmodifiableSet());
        VendorRules r = new VendorRules(split(rs.getString("allow_vendors")), split(rs.getString("deny_vendors")),
                split(rs.getString("allow_jurisdictions")), split(rs.getString("deny_jurisdictions")), trust);
        return r.isEmpty() ? VendorRules.NONE : r;
    }

    static String dataClass(ResultSet rs) throws SQLException {
        String s = rs.getString("data_class");
        return s == null || s.isEmpty() ? null : s;
    }

    private static String join(Collection<String> values) {
        return values.isEmpty() ? null : values.stream().sorted().collect(Collectors.joining(","));
    }

    private static Set<String> split(String s) {
        return s == null || s.isEmpty() ? Set.of() : new LinkedHashSet<>(List.of(s.split(",")));
    }
}
