package io.jakartaredis.limiter.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Turns (policy, client key) into a Redis key {@code <prefix><policy>:<client>}. A client key is
 * kept as it is only when it is short, printable ASCII, free of cluster hash-tag braces and does
 * not start with {@code #}; any other is replaced by {@code #} and its SHA-256, so hostile input
 * can neither bloat Redis nor pick the same key as another client.
 */
final class BucketKeys {

    static final int MAX_VERBATIM_LENGTH = 128;
    private static final char HASHED_MARK = '#';

    private BucketKeys() {
    }

    /**
     * The key of the readiness check's bucket: the prefix and {@code {readiness}}. Every client's key
     * ends with a character of its client key, verbatim or hashed, and neither ever holds a
     * closing brace: no client of any policy, whatever its application's prefix, can reach this key
     * (a {@code #} mark would not do: prefix {@code o}, policy {@code rg} and client
     * {@code team:#readiness} give {@code org:team:#readiness}).
     */
    static String readinessKey(String globalPrefix) {
        return globalPrefix + "{readiness}";
    }

    static String key(String policyPrefix, String clientKey) {
        return policyPrefix + safeClientKey(clientKey);
    }

    static String safeClientKey(String clientKey) {
        return isVerbatim(clientKey) ? clientKey : HASHED_MARK + sha256(clientKey);
    }

    private static boolean isVerbatim(String clientKey) {
        if (clientKey.isEmpty() || clientKey.length() > MAX_VERBATIM_LENGTH || clientKey.charAt(0) == HASHED_MARK) {
            return false;
        }
        for (int i = 0; i < clientKey.length(); i++) {
            char c = clientKey.charAt(i);
            boolean printableAscii = c > 0x20 && c < 0x7f;
            if (!printableAscii || c == '{' || c == '}') {
                return false;
            }
        }
        return true;
    }

    /** Over the UTF-16 code units, so that even malformed strings (lone surrogates) stay distinct. */
    private static String sha256(String text) {
        byte[] units = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            units[2 * i] = (byte) (text.charAt(i) >> 8);
            units[2 * i + 1] = (byte) text.charAt(i);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(units);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
