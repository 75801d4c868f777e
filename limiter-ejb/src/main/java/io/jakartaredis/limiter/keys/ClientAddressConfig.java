package io.jakartaredis.limiter.keys;

import java.util.Objects;

/**
 * How the client of a request is found and keyed: whose forwarding headers are believed, which
 * header carries the client's address, and how much of the address names the client. Immutable.
 *
 * @param trustedProxies the proxies whose forwarding header is believed
 * @param header         the one header read from them
 * @param prefixes       how much of an IPv4 or IPv6 address the key keeps
 */
public record ClientAddressConfig(TrustedProxies trustedProxies, ForwardingHeader header, IpPrefixes prefixes) {

    public ClientAddressConfig {
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(prefixes, "prefixes");
    }

    /** Behind these proxies, with the default header and prefixes. */
    public static ClientAddressConfig behind(TrustedProxies trustedProxies) {
        return new ClientAddressConfig(trustedProxies, ForwardingHeader.X_FORWARDED_FOR, IpPrefixes.DEFAULT);
    }

    /** {@code trusted proxies 10.0.0.0/8 by X-Forwarded-For; keyed by ipv4 /32, ipv6 /64}. */
    @Override
    public String toString() {
        return "trusted proxies " + trustedProxies + " by " + header + "; keyed by " + prefixes;
    }
}
