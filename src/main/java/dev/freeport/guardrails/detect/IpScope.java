package dev.freeport.guardrails.detect;

/**
 * Which IP addresses count as personal data. {@link #PUBLIC} (the default) flags only globally routable
 * addresses: private (10/8, 172.16/12, 192.168/16, fc00::/7), shared (100.64/10), loopback, link-local,
 * unspecified, multicast, broadcast and documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24,
 * 2001:db8::/32) identify no one on the internet. {@link #ALL} also flags those, for policies that treat
 * internal topology as confidential.
 */
public enum IpScope {
    PUBLIC, ALL
}
