package io.jakartaredis.limiter.keys;

import java.util.Arrays;

/**
 * Reads and writes the text of IP addresses by hand, character by character: {@code InetAddress}
 * would look up anything that is not a literal in DNS, and accepts legacy forms such as
 * {@code 10.1} or {@code 010.0.0.1} that mean different addresses to different tools. Only ASCII
 * digits count as digits, whatever Unicode says.
 */
final class IpLiterals {

    private IpLiterals() {
    }

    /**
     * A dotted-quad IPv4 literal as an unsigned 32-bit value, or -1. Each part is a decimal from
     * 0 to 255 without leading zeros, so that no reader could take it for octal.
     */
    static long ipv4(String text) {
        long value = 0;
        int parts = 0;
        for (int from = 0; from <= text.length(); parts++) {
            int dot = text.indexOf('.', from);
            int to = dot < 0 ? text.length() : dot;
            int octet = number(text, from, to, 10, 3);
            if (parts == 4 || octet < 0 || octet > 255 || to - from > 1 && text.charAt(from) == '0') {
                return -1;
            }
            value = value << 8 | octet;
            from = to + 1;
        }
        return parts == 4 ? value : -1;
    }

    /**
     * The eight 16-bit groups of an RFC 4291 IPv6 literal ({@code 2001:db8::1},
     * {@code ::ffff:10.0.0.1}), or {@code null}.
     */
    static int[] parse(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        boolean complete = gap < 0 ? head.length == 8 : head.length + tail.length <= 7;
        if (!complete) {
            return null;
        }
        int[] groups = new int[8];
        System.arraycopy(head, 0, groups, 0, head.length);
        System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
        return groups;
    }

    /** Groups of {@code 1*4HEXDIG} separated by {@code :}; the last may be dotted IPv4 (two groups). */
    private static int[] groups(String part, boolean ipv4Last) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        if (pieces.length > 8) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i == pieces.length - 1 && ipv4Last && piece.indexOf('.') >= 0) {
                long v4 = ipv4(piece);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
            } else {
                int group = hex(piece);
                if (group < 0 || count > 7) {
                    return null;
                }
                groups[count++] = group;
            }
        }
        return Arrays.copyOf(groups, count);
    }

    /** RFC 5952: lower-case hex without leading zeros; the first longest run of two or more zero groups as {@code ::}. */
    static String format(int[] groups) {
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < 8; i++) {
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > runLength) {
                runStart = i;
                runLength = end - i;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                text.append("::");
                i += runLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** The value of 1 to {@code maxDigits} ASCII decimal digits, or -1. */
    static int decimal(String text, int maxDigits) {
        return number(text, 10, maxDigits);
    }

    /** The value of 1 to 4 ASCII hex digits, either case, or -1. */
    private static int hex(String text) {
        return number(text, 16, 4);
    }

    private static int number(String text, int radix, int maxDigits) {
        return number(text, 0, text.length(), radix, maxDigits);
    }

    /** The value of the digits from {@code from} to {@code to} (exclusive) of {@code text}, or -1. */
    private static int number(String text, int from, int to, int radix, int maxDigits) {
        if (to == from || to - from > maxDigits) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = asciiDigit(text.charAt(i));
            if (digit < 0 || digit >= radix) {
                return -1;
            }
            value = value * radix + digit;
        }
        return value;
    }

    /** {@link Character#digit} would also take Arabic-Indic or full-width digits. */
    private static int asciiDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
