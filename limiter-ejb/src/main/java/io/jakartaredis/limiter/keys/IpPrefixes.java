package io.jakartaredis.limiter.keys;

/**
 * How much of a client's address names the client: the first {@code ipv4} bits of an IPv4
 * address, the first {@code ipv6} bits of an IPv6 one. An IPv6 customer is given at least a /64
 * and can use any address inside it, so keying by the full 128 bits would give it 2^64 buckets.
 *
 * @param ipv4 1 to 32; 32, the default, keys every IPv4 address on its own
 * @param ipv6 1 to 128; 64, the default, keys an IPv6 client by its subnet
 */
public record IpPrefixes(int ipv4, int ipv6) {

    /** {@code /32} for IPv4, {@code /64} for IPv6. */
    public static final IpPrefixes DEFAULT = new IpPrefixes(32, 64);

    /** @throws IllegalArgumentException for a length outside 1..32 or 1..128 */
    public IpPrefixes {
        if (ipv4 < 1 || ipv4 > 32) {
            throw new IllegalArgumentException("the IPv4 prefix length must be 1 to 32, was " + ipv4);
        }
        if (ipv6 < 1 || ipv6 > 128) {
            throw new IllegalArgumentException("the IPv6 prefix length must be 1 to 128, was " + ipv6);
        }
    }

    /**
     * The network the address belongs to, normalized: {@code 203.0.113.7} for a full-length
     * prefix, else the masked address and its length, {@code 2001:db8:7:9::/64},
     * {@code 198.51.100.0/24}. Every address of one network has the same text. An IPv6 address
     * that carries an IPv4 host (NAT64, 6to4: {@link IpAddress#embeddedIpv4}) is that host, under
     * the IPv4 prefix.
     */
    String network(IpAddress client) {
        IpAddress address = client.embeddedIpv4().orElse(client);
        int prefix = address.ipv4() ? ipv4 : ipv6;
        return prefix == address.bits() ? address.toString() : address.masked(prefix) + "/" + prefix;
    }

    /** {@code ipv4 /32, ipv6 /64}. */
    @Override
    public String toString() {
        return "ipv4 /" + ipv4 + ", ipv6 /" + ipv6;
    }
}
