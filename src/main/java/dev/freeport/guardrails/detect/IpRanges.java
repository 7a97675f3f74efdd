package dev.freeport.guardrails.detect;

/** Which addresses are globally routable, i.e. could identify someone on the internet. */
final class IpRanges {
    private IpRanges() {
    }

    static boolean isPublicV4(int[] o) {
        int a = o[0];
        int b = o[1];
        int c = o[2];
        return !(a == 0 || a == 10 || a == 127 || a >= 224                      // this network, private, loopback, multicast/reserved
                || (a == 100 && b >= 64 && b <= 127)                             // shared address space (CGNAT)
                || (a == 169 && b == 254)                                        // link-local
                || (a == 172 && b >= 16 && b <= 31)                              // private
                || (a == 192 && b == 168)                                        // private
                || (a == 192 && b == 0 && (c == 0 || c == 2))                    // IETF protocol assignments, TEST-NET-1
                || (a == 198 && (b == 18 || b == 19))                            // benchmarking
                || (a == 198 && b == 51 && c == 100)                             // TEST-NET-2
                || (a == 203 && b == 0 && c == 113));                            // TEST-NET-3
    }

    /** {@code h} holds the eight 16-bit groups. */
    static boolean isPublicV6(int[] h) {
        boolean zeroHigh = h[0] == 0 && h[1] == 0 && h[2] == 0 && h[3] == 0 && h[4] == 0;
        if (zeroHigh && h[5] == 0xffff) {                                         // IPv4-mapped
            return isPublicV4(new int[] {h[6] >> 8, h[6] & 0xff, h[7] >> 8, h[7] & 0xff});
        }
        if (zeroHigh && h[5] == 0) {                                              // ::, ::1, IPv4-compatible
            return false;
        }
        int top = h[0];
        return !((top & 0xfe00) == 0xfc00                                        // unique local fc00::/7
                || (top & 0xffc0) == 0xfe80                                      // link-local fe80::/10
                || (top & 0xff00) == 0xff00                                      // multicast
                || (top == 0x2001 && h[1] == 0x0db8)                             // documentation 2001:db8::/32
                || top == 0x0100 && h[1] == 0 && h[2] == 0 && h[3] == 0);        // discard-only 100::/64
    }
}
