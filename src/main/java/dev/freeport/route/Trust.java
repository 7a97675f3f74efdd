package dev.freeport.route;

import java.util.Locale;

/**
 * How far a target's operator is trusted with data: SELF_HOSTED (our own hardware or VPC), CONTRACTED (a vendor
 * under a data-processing agreement, e.g. an enterprise contract or a cloud region), PUBLIC_API (a public API
 * under its standard terms).
 */
public enum Trust {
    SELF_HOSTED, CONTRACTED, PUBLIC_API;

    /** "self-hosted", "self_hosted", "contracted", "public", "public-api"; null when not one of them. */
    public static Trust parse(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "self-hosted", "selfhosted", "self" -> SELF_HOSTED;
            case "contracted", "contract" -> CONTRACTED;
            case "public", "public-api" -> PUBLIC_API;
            default -> null;
        };
    }

    /** "self-hosted", "contracted", "public". */
    public String label() {
        return switch (this) {
            case SELF_HOSTED -> "self-hosted";
            case CONTRACTED -> "contracted";
            case PUBLIC_API -> "public";
        };
    }
}
