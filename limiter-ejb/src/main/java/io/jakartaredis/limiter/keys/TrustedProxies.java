package io.jakartaredis.limiter.keys;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The proxies whose forwarding headers are believed: IPv4 and IPv6 addresses and CIDR blocks,
 * written {@code 10.0.0.0/8, 192.168.1.7, ::1/128, fd00::/8}. Entries are read as literals only,
 * never looked up in DNS. An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is matched as the
 * IPv4 address it carries. Immutable and thread-safe.
 */
public final class TrustedProxies {

    static final String RULE = "expected a comma list of IP addresses or CIDR blocks such as "
            + "10.0.0.0/8, 192.168.1.7, ::1/128, fd00::/8";

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Trusts no proxy: every client is its socket peer. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses a comma list of addresses and CIDR blocks; {@code null} or blank trusts nothing.
     *
     * @throws IllegalArgumentException naming the bad entry and the expected form, e.g. for an
     *                                  address that is no literal, a prefix out of range, or host
     *                                  bits set after the prefix ({@code 10.1.0.0/8})
     */
    public static TrustedProxies parse(String cidrList) {
        if (cidrList == null || cidrList.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String entry : cidrList.split(",", -1)) {
            blocks.add(Block.parse(entry.strip()));
        }
        return new TrustedProxies(blocks);
    }

    /** Whether the address lies in one of the trusted blocks; {@code false} for {@code null}. */
    public boolean trusts(InetAddress address) {
        return address != null && trusts(IpAddress.of(address));
    }

    boolean trusts(IpAddress address) {
        for (Block block : blocks) {
            if (block.network().sharesPrefix(address, block.prefix())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@code /0} block trusts every IPv4 or every IPv6 address. */
    public boolean trustsAWholeFamily() {
        return blocks.stream().anyMatch(block -> block.prefix() == 0);
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The blocks in configuration order, e.g. {@code 10.0.0.0/8, 192.168.1.7}, or {@code none}. */
    @Override
    public String toString() {
        return blocks.isEmpty() ? "none" : blocks.stream().map(Block::toString).collect(Collectors.joining(", "));
    }

    /** One CIDR block; a single address is a block of its full length. */
    private record Block(IpAddress network, int prefix) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String addressText = slash < 0 ? entry : entry.substring(0, slash);
            Optional<IpAddress> parsed = IpAddress.parse(addressText);
            if (parsed.isEmpty()) {
                throw invalid(entry, "not an IPv4 or IPv6 address");
            }
            IpAddress network = parsed.get();
            // ::ffff:10.0.0.0/104 is parsed as IPv4, so its prefix counts the 96 bits of ::ffff:0:0 too
            int skippedBits = network.ipv4() && addressText.indexOf(':') >= 0 ? 96 : 0;
            int prefix = slash < 0 ? network.bits() : IpLiterals.decimal(entry.substring(slash + 1), 3) - skippedBits;
            if (prefix < 0 || prefix > network.bits()) {
                throw invalid(entry, "the prefix length must be 0 to " + network.bits() + " for this address");
            }
            IpAddress masked = network.masked(prefix);
            if (!masked.equals(network)) {
                throw invalid(entry, "bits are set after the prefix; did you mean " + new Block(masked, prefix) + "?");
            }
            return new Block(network, prefix);
        }

        private static IllegalArgumentException invalid(String entry, String reason) {
            return new IllegalArgumentException("\"" + entry + "\": " + reason + "; " + RULE);
        }

        @Override
        public String toString() {
            return prefix == network.bits() ? network.toString() : network + "/" + prefix;
        }
    }
}
