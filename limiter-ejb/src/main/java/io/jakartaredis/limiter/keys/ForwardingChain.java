package io.jakartaredis.limiter.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hops that proxies recorded in {@code Forwarded} (RFC 7239) or {@code X-Forwarded-For}, read
 * from the right, where the proxies nearest to us append. Each hop is an address, or empty when
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

    /**
     * The hops, nearest first: from {@code Forwarded} when one of its lines has a {@code for}
     * parameter, else from {@code X-Forwarded-For}.
     */
    static List<Optional<IpAddress>> hops(List<String> forwarded, List<String> xForwardedFor) {
        if (hasFor(forwarded)) {
            return hops(forwarded, ForwardingChain::forwardedNodes, false);
        }
        // X-Forwarded-For has no quoted strings: a client's stray quote must not swallow the
        // address that its proxy appends to the same line
        return hops(xForwardedFor, line -> Arrays.asList(line.split(",", -1)), true);
    }

    private static boolean hasFor(List<String> lines) {
        if (lines == null) {
            return false;
        }
        for (String line : lines) {
            for (int i = 0; line != null && i + 4 <= line.length(); i++) {
                if (line.regionMatches(true, i, "for=", 0, 4)) {
                    return true;
                }
            }
        }
        return false;
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
