package io.jakartaredis.limiter.keys;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address read from its literal text only: never a host name, so never DNS. An
 * IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is the IPv4 address it carries, so that it
 * matches IPv4 blocks and prints as one.
 *
 * @param ipv4 whether this is an IPv4 address
 * @param high the upper 64 bits of an IPv6 address; 0 for IPv4
 * @param low  the lower 64 bits of an IPv6 address, or the 32 bits of an IPv4 address
 */
record IpAddress(boolean ipv4, long high, long low) {

    /** {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}: no literal is longer. */
    private static final int MAX_LITERAL_LENGTH = 45;
    private static final long IPV4_MAPPED_PREFIX = 0xffffL;
    /** RFC 6052's well-known NAT64 prefix {@code 64:ff9b::/96}, its upper 64 bits. */
    private static final long NAT64_HIGH = 0x0064_ff9b_0000_0000L;
    /** {@code ::ffff:0:0:0/96} (RFC 2765, SIIT), bits 64 to 95. */
    private static final long SIIT_TRANSLATED_PREFIX = 0xffff_0000L;
    /** {@code 2002::/16} (RFC 3056, 6to4), its first 16 bits. */
    private static final long SIX_TO_FOUR_PREFIX = 0x2002L;

    /** The address written in {@code text}, if it is exactly one IPv4 or IPv6 literal (no brackets, no zone). */
    static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LITERAL_LENGTH) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            long value = IpLiterals.ipv4(text);
            return value < 0 ? Optional.empty() : Optional.of(new IpAddress(true, 0, value));
        }
        int[] groups = IpLiterals.parse(text);
        return groups == null ? Optional.empty() : Optional.of(ofGroups(groups));
    }

    /** The address of a resolved {@link InetAddress}, without any lookup. */
    static IpAddress of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return new IpAddress(true, 0, Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt()));
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | (bytes[2 * i + 1] & 0xff);
        }
        return ofGroups(groups);
    }

    private static IpAddress ofGroups(int[] groups) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | groups[i];
            low = low << 16 | groups[i + 4];
        }
        boolean mapped = high == 0 && low >>> 32 == IPV4_MAPPED_PREFIX;
        return mapped ? new IpAddress(true, 0, low & 0xffff_ffffL) : new IpAddress(false, high, low);
    }

    /**
     * The IPv4 host that another IPv6 form stands for, for keys: NAT64 {@code 64:ff9b::a.b.c.d}
     * (RFC 6052), IPv4-compatible {@code ::a.b.c.d} (every address of {@code ::/96} but {@code ::}
     * and {@code ::1}), SIIT {@code ::ffff:0:a.b.c.d}, and 6to4 {@code 2002:AABB:CCDD::/48},
     * whose bits 16 to 47 are the IPv4 host that owns all 65,536 of its /64s. Keyed as IPv6, a
     * NAT64 gateway's IPv4 clients would share one /64 and a 6to4 host would have 65,536 keys.
     * Empty for every other address, and for IPv4 ones. Not for trust: these are not the IPv4
     * host's own packets, so an IPv4 block does not vouch for them (only the mapped form,
     * parsed as IPv4, is the host itself).
     */
    Optional<IpAddress> embeddedIpv4() {
        if (ipv4) {
            return Optional.empty();
        }
        long lowest32 = low & 0xffff_ffffL;
        boolean nat64 = high == NAT64_HIGH && low >>> 32 == 0;
        boolean compatible = high == 0 && low >>> 32 == 0 && lowest32 > 1;
        boolean siit = high == 0 && low >>> 32 == SIIT_TRANSLATED_PREFIX;
        if (nat64 || compatible || siit) {
            return Optional.of(new IpAddress(true, 0, lowest32));
        }
        if (high >>> 48 == SIX_TO_FOUR_PREFIX) {
            return Optional.of(new IpAddress(true, 0, high >>> 16 & 0xffff_ffffL));
        }
        return Optional.empty();
    }

    /** 32 or 128. */
    int bits() {
        return ipv4 ? 32 : 128;
    }

    /** Whether {@code other} is of the same family and shares the first {@code prefix} bits with this address. */
    boolean sharesPrefix(IpAddress other, int prefix) {
        return ipv4 == other.ipv4 && masked(prefix).equals(other.masked(prefix));
    }

    /** This address with every bit after the first {@code prefix} cleared. */
    IpAddress masked(int prefix) {
        if (ipv4) {
            long mask = prefix == 0 ? 0 : 0xffff_ffffL << (32 - prefix) & 0xffff_ffffL;
            return new IpAddress(true, 0, low & mask);
        }
        if (prefix <= 64) {
            long mask = prefix == 0 ? 0 : -1L << (64 - prefix);
            return new IpAddress(false, high & mask, 0);
        }
        return new IpAddress(false, high, low & -1L << (128 - prefix));
    }

    /** Dotted IPv4, or IPv6 in the canonical form of RFC 5952 (lower case, longest zero run as {@code ::}). */
    @Override
    public String toString() {
        if (ipv4) {
            return (low >>> 24 & 0xff) + "." + (low >>> 16 & 0xff) + "." + (low >>> 8 & 0xff) + "." + (low & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i) & 0xffff);
            groups[i + 4] = (int) (low >>> (48 - 16 * i) & 0xffff);
        }
        return IpLiterals.format(groups);
    }
}
