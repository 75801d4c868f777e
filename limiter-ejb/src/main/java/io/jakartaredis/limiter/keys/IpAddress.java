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
