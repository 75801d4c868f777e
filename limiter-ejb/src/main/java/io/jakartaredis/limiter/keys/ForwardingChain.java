package io.jakartaredis.limiter.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hops that proxies recorded in {@code Forwarded} (RFC 7239), {@code X-Forwarded-For} or a
 * single-address header such as {@code X-Real-IP}, read from the right, where the proxies nearest
 * to us append. Each hop is an address, or empty when
 * the entry is {@code unknown}, obfuscated ({@code _hidden}), or garbage.
 *
 * <p>The work is bounded: only the rightmost {@value #MAX_HOPS} hops and {@value #MAX_CHARS}
 * characters count. A field line that does not fit is one empty hop, never cut: a cut line could
 * end in a partial address, or in a quoted string that swallows the hops after it.
 */
final class ForwardingChain {

    static final int MAX_CHARS = 8192;
    static final int MAX_HOPS = 64;

    /** RFC 7239's own name for a hop that cannot be identified; never an address. */
    private static final String UNKNOWN = "unknown";

    private ForwardingChain() {
    }

    /** The hops that the lines of this header name, nearest first. */
    static List<Optional<IpAddress>> hops(ForwardingHeader.Syntax syntax, List<String> lines) {
        return switch (syntax) {
            case RFC_7239 -> hops(lines, ForwardingChain::forwardedNodes, false);
            // X-Forwarded-For has no quoted strings: a client's stray quote must not swallow the
            // address that its proxy appends to the same line
            case LIST -> hops(lines, line -> Arrays.asList(line.split(",", -1)), true);
            case SINGLE_ADDRESS -> singleAddress(lines);
        };
    }

    /** The last line is the nearest proxy's; it is one address, or names none. */
    private static List<Optional<IpAddress>> singleAddress(List<String> lines) {
        for (int l = lines == null ? -1 : lines.size() - 1; l >= 0; l--) {
            String line = lines.get(l);
            if (line != null) {
                return List.of(line.length() > MAX_CHARS ? Optional.empty() : ForwardedNode.parse(ListFields.trim(line), true));
            }
        }
        return List.of();
    }

    private static List<Optional<IpAddress>> hops(List<String> lines, Function<String, List<String>> nodesOfLine,
                                                  boolean bareIpv6) {
        List<Optional<IpAddress>> hops = new ArrayList<>();
        int budget = MAX_CHARS;
        for (int l = lines == null ? -1 : lines.size() - 1; l >= 0 && hops.size() < MAX_HOPS; l--) {
            String line = lines.get(l);
            if (line == null) {
                continue;
            }
            if (line.length() > budget) {
                hops.add(Optional.empty());
                break;
            }
            budget -= line.length();
            List<String> nodes = nodesOfLine.apply(line);
            for (int n = nodes.size() - 1; n >= 0 && hops.size() < MAX_HOPS; n--) {
                if (!ListFields.isBlank(nodes.get(n))) {
                    hops.add(ForwardedNode.parse(ListFields.trim(nodes.get(n)), bareIpv6));
                }
            }
        }
        return hops;
    }

    /**
     * The {@code for} node of each element of a {@code Forwarded} line, unquoted. An element
     * without one, with two, or with a pair that is no {@code name=value} cannot vouch for anyone:
     * its node is {@code unknown}.
     */
    private static List<String> forwardedNodes(String line) {
        List<String> nodes = new ArrayList<>();
        for (String element : ListFields.split(line, ',')) {
            nodes.add(ListFields.isBlank(element) ? element : forNode(element));
        }
        return nodes;
    }

    private static String forNode(String element) {
        String node = UNKNOWN;
        int forPairs = 0;
        for (String pair : ListFields.split(element, ';')) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                return UNKNOWN;
            }
            if (ListFields.trim(pair.substring(0, equals)).equalsIgnoreCase("for")) {
                forPairs++;
                node = ListFields.unquote(ListFields.trim(pair.substring(equals + 1)));
            }
        }
        return forPairs == 1 && node != null && !ListFields.isBlank(node) ? node : UNKNOWN;
    }
}
