package dev.freeport.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code routing:} section: data classes, concentration caps and the latency strategy's exploration.
 *
 * @param dataClasses      by name: which targets a request of that class may reach
 * @param defaultDataClass the class of requests that name none and whose key has none, or null
 * @param caps             concentration caps, in file order
 * @param exploration      share of lowest-latency requests sent to a random eligible target (0..0.5)
 */
public record RoutingConfig(Map<String, DataClassConfig> dataClasses, String defaultDataClass, List<CapConfig> caps,
                            double exploration) {

    public static final double DEFAULT_EXPLORATION = 0.05;
    public static final RoutingConfig NONE = new RoutingConfig(Map.of(), null, List.of(), DEFAULT_EXPLORATION);

    public RoutingConfig {
        dataClasses = dataClasses == null ? Map.of() : Map.copyOf(dataClasses);
        caps = caps == null ? List.of() : List.copyOf(caps);
    }

    /**
     * Which targets a data class may reach: empty sets allow all; deny wins. Trust levels as written. {@code capture}
     * false: the migration lab never keeps a request of this class (capture: under an alias).
     */
    public record DataClassConfig(String name, Set<String> allowVendors, Set<String> denyVendors,
                                  Set<String> allowJurisdictions, Set<String> denyJurisdictions,
                                  Set<String> allowTrust, boolean capture) {
        public DataClassConfig(String name, Set<String> allowVendors, Set<String> denyVendors,
                               Set<String> allowJurisdictions, Set<String> denyJurisdictions, Set<String> allowTrust) {
            this(name, allowVendors, denyVendors, allowJurisdictions, denyJurisdictions, allowTrust, true);
        }
    }

    /**
     * A maximum share of spend or tokens one vendor may take over a rolling window.
     *
     * @param vendor      a vendor name, or "*" for each vendor
     * @param maxShare    0..1
     * @param measure     "spend" or "tokens"
     * @param window      the rolling window
     * @param minRequests requests in the window before the cap applies (a share of few requests means nothing)
     */
    public record CapConfig(String vendor, double maxShare, String measure, Duration window, int minRequests) {
    }
}
