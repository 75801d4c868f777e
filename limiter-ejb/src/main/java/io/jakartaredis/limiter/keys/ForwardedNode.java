package io.jakartaredis.limiter.keys;

import java.util.Optional;

/**
 * One hop of a forwarding chain: {@code 192.0.2.60}, {@code 192.0.2.60:4711},
 * {@code [2001:db8::1]}, {@code [2001:db8::1]:4711}, and in {@code X-Forwarded-For} also a bare
 * {@code 2001:db8::1}. RFC 7239 forbids the bare IPv6 form in {@code Forwarded}, where a last
 * group could as well be a port. Anything else, {@code unknown} and obfuscated identifiers such
 * as {@code _hidden} included, names no address.
 */
final class ForwardedNode {

    private static final int MAX_PORT_LENGTH = 32;

    private ForwardedNode() {
    }

    static Optional<IpAddress> parse(String node, boolean bareIpv6) {
        if (node.startsWith("[")) {
            return bracketed(node);
        }
        int colon = node.indexOf(':');
        if (colon < 0 || bareIpv6) {
            Optional<IpAddress> address = IpAddress.parse(node);
            if (address.isPresent()) {
                return address;
            }
        }
        boolean ipv4WithPort = colon > 0 && node.indexOf(':', colon + 1) < 0 && isPort(node.substring(colon + 1));
        return ipv4WithPort ? IpAddress.parse(node.substring(0, colon)) : Optional.empty();
    }

    private static Optional<IpAddress> bracketed(String node) {
        int close = node.indexOf(']');
        if (close < 0) {
            return Optional.empty();
        }
        String inside = node.substring(1, close);
        String after = node.substring(close + 1);
        boolean portOk = after.isEmpty() || after.startsWith(":") && isPort(after.substring(1));
        return portOk && inside.indexOf(':') >= 0 ? IpAddress.parse(inside) : Optional.empty();
    }

    /** A decimal port, or an obfuscated one ({@code _abc}); the port itself is never used. */
    private static boolean isPort(String port) {
        if (port.startsWith("_")) {
            return port.length() > 1 && port.length() <= MAX_PORT_LENGTH && port.chars().allMatch(ForwardedNode::isObfuscatedChar);
        }
        int value = IpLiterals.decimal(port, 5);
        return value >= 0 && value <= 65535;
    }

    private static boolean isObfuscatedChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }
}
