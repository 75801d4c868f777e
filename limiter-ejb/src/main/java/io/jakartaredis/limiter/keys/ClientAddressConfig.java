package io.jakartaredis.limiter.keys;

import java.util.Objects;

/**
 * How the client of a request is found and keyed: whose forwarding headers are believed, and how
 * much of the address names the client. Immutable.
 *
 * @param trustedProxies the proxies whose forwarding headers are believed
 * @param prefixes       how much of an IPv4 or IPv6 address the key keeps
 */
public record ClientAddressConfig(TrustedProxies trustedProxies, IpPrefixes prefixes) {

    public ClientAddressConfig {
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(prefixes, "prefixes");
    }

    /** Behind these proxies, with the default prefixes. */
    public static ClientAddressConfig behind(TrustedProxies trustedProxies) {
        return new ClientAddressConfig(trustedProxies, IpPrefixes.DEFAULT);
    }

    /** {@code trusted proxies 10.0.0.0/8; keyed by ipv4 /32, ipv6 /64}. */
    @Override
    public String toString() {
        return "trusted proxies " + trustedProxies + "; keyed by " + prefixes;
    }
}
