package dev.freeport.provider;

import dev.freeport.config.ProviderConfig;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The provider types this build knows: every {@link ProviderFactory} on the class path, by type. */
public final class ProviderTypes {
    private static final Map<String, ProviderFactory> FACTORIES = load();

    private ProviderTypes() {
    }

    private static Map<String, ProviderFactory> load() {
        Map<String, ProviderFactory> byType = new TreeMap<>();
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class, ProviderTypes.class.getClassLoader())) {
            ProviderFactory previous = byType.put(f.type(), f);
            if (previous != null) {
                throw new IllegalStateException("two provider factories for type " + f.type() + ": "
                        + previous.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return Map.copyOf(byType);
    }

    /** A provider for a config entry; an IllegalArgumentException naming the known types when its type is unknown. */
    public static Provider create(ProviderConfig config, ProviderFactory.Services services) {
        ProviderFactory f = FACTORIES.get(config.type());
        if (f == null) {
            throw new IllegalArgumentException("unknown provider type " + config.type() + " (known: "
                    + String.join(", ", FACTORIES.keySet()) + ")");
        }
        return f.create(config, services);
    }
}
