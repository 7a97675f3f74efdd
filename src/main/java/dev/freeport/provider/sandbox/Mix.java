package dev.freeport.provider.sandbox;

/** Deterministic 64-bit hashing helpers for the sandbox (stable across runs and JVMs). */
final class Mix {
    private Mix() {
    }

    /** SplitMix64's finaliser: spreads the bits of {@code z}. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the chars of {@code s}, then mixed. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    static long combine(long a, long b) {
        return mix(a * 31 + b + 0x9e3779b97f4a7c15L);
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long h) {
        return (mix(h) >>> 11) * 0x1.0p-53;
    }
}
