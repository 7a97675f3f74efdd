package dev.freeport.reconcile;

import dev.freeport.api.VendorNames;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ProviderConfig;

import java.util.function.Function;

/**
 * The vendor behind a ledger event's provider name: the config's preset for an OpenAI-compatible provider
 * ("ds" with preset deepseek → "deepseek"), the type for the others ("anthropic", "gemini" → "google"), else the
 * name itself, canonical. The same reading as the audit's.
 */
public final class LedgerVendors {

    private LedgerVendors() {
    }

    public static Function<String, String> of(FreeportConfig config) {
        return provider -> {
            ProviderConfig pc = config == null ? null : config.providers().get(provider);
            if (pc == null) {
                return VendorNames.canonical(provider);
            }
            if ("openai".equals(pc.type())) {
                return VendorNames.canonical(pc.preset() != null ? pc.preset() : provider);
            }
            return VendorNames.canonical(pc.type());
        };
    }
}
