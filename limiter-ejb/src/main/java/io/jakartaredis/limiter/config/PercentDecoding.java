package io.jakartaredis.limiter.config;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-decoding: {@code %XX} escapes of UTF-8 bytes, nothing else. Unlike
 * {@link java.net.URLDecoder} (HTML form decoding) it keeps {@code +} as {@code +}, which base64
 * passwords of managed Redis services contain.
 */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /**
     * @return the decoded text; {@code null} for {@code null}
     * @throws IllegalArgumentException for a {@code %} not followed by two hex digits, or escapes that are no UTF-8;
     *                                  its message never quotes the text, which may be a secret
     */
    static String decode(String text) {
        if (text == null || text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder decoded = new StringBuilder(text.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%') {
                escaped.write(escapedByte(text, i));
                i += 3;
            } else {
                appendUtf8(escaped, decoded);
                decoded.append(text.charAt(i++));
            }
        }
        appendUtf8(escaped, decoded);
        return decoded.toString();
    }

    private static int escapedByte(String text, int percent) {
        int high = percent + 1 < text.length() ? hexDigit(text.charAt(percent + 1)) : -1;
        int low = percent + 2 < text.length() ? hexDigit(text.charAt(percent + 2)) : -1;
        if (high < 0 || low < 0) {
            throw new IllegalArgumentException("'%' must start an escape of two hex digits such as %25 (for '%' itself)"
                    + " or %2F (for '/')");
        }
        return high * 16 + low;
    }

    /** 0 to 15 for ASCII 0-9, A-F, a-f; else -1 (Character.digit takes any Unicode digit, e.g. Arabic-Indic). */
    private static int hexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static void appendUtf8(ByteArrayOutputStream escaped, StringBuilder decoded) {
        if (escaped.size() == 0) {
            return;
        }
        try {
            decoded.append(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(escaped.toByteArray())));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the escaped bytes are not UTF-8");
        }
        escaped.reset();
    }
}
