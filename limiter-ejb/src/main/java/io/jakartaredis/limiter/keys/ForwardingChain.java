package io.jakartaredis.limiter.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hops that proxies recorded in {@code Forwarded} (RFC 7239), {@code X-Forwarded-For} or a
 * single-address header such as {@code X-Real-IP}, read from the right, where the proxies nearest
 * to us append. Each hop is an address, or empty when the entry is {@code unknown}, obfuscated
 * ({@code _hidden}), or garbage.
 *
 * <p>Lines are read from the last, and each line from its right end, element by element: every
 * element a trusted proxy appended is read as it wrote it, whatever a client put to its left — a
 * huge prefix, an open quote. The walk stops at the first untrusted hop, so nothing left of it is
 * ever believed. The work is bounded: only the rightmost {@value #MAX_HOPS} hops and
 * {@value #MAX_CHARS} characters are read; an element that does not fit in what is left of the
 * budget is one empty hop, never cut, since a cut element could end in a partial address.
 */
final class ForwardingChain {

    static final int MAX_CHARS = 8192;
    static final int MAX_HOPS = 64;

    /** RFC 7239's own name for a hop that cannot be identified; never an address. */
    private static final String UNKNOWN = "unknown";

    private ForwardingChain() {
    }

    /** The hops that the lines of a header of this syntax name, nearest first. */
    static List<Optional<IpAddress>> hops(ForwardingHeader.Syntax syntax, List<String> lines) {
        if (syntax == ForwardingHeader.Syntax.SINGLE_ADDRESS) {
            return singleAddress(lines);
        }
        List<Optional<IpAddress>> hops = new ArrayList<>();
        int budget = MAX_CHARS;
        for (int l = lines == null ? -1 : lines.size() - 1; l >= 0 && hops.size() < MAX_HOPS; l--) {
            String line = lines.get(l);
            int end = line == null ? -1 : line.length();
            while (end >= 0 && hops.size() < MAX_HOPS) {
                // X-Forwarded-For has no quoted strings: a client's stray quote means nothing there
                int start = ListFields.lastElementStart(line, end, syntax == ForwardingHeader.Syntax.RFC_7239, budget);
                if (start == ListFields.BEYOND_LIMIT) {
                    hops.add(Optional.empty());
                    return hops;
                }
                budget -= end - start;
                String element = line.substring(start + 1, end);
                if (!ListFields.isBlank(element)) {
                    hops.add(hop(ListFields.trim(element), syntax));
                }
                end = start;
            }
        }
        return hops;
    }

    private static Optional<IpAddress> hop(String element, ForwardingHeader.Syntax syntax) {
        return syntax == ForwardingHeader.Syntax.RFC_7239
                ? ForwardedNode.parse(forNode(element), false)
                : ForwardedNode.parse(element, true);
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

    /**
     * The {@code for} node of an element of a {@code Forwarded} line, unquoted. An element without
     * one, with two, or with a pair that is no {@code name=value} cannot vouch for anyone: its
     * node is {@code unknown}.
     */
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
