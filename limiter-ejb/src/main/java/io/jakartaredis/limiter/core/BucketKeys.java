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
    private static final int HASH_CHUNK_CHARS = 512;

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

    /**
     * Over the UTF-16 code units, big-endian, so that even malformed strings (lone surrogates)
     * stay distinct. Fed through a small buffer: a {@code KeyResolver} key of any length costs no
     * copy of itself.
     */
    private static String sha256(String text) {
        MessageDigest sha256 = newSha256();
        byte[] chunk = new byte[2 * Math.min(text.length(), HASH_CHUNK_CHARS)];
        for (int from = 0; from < text.length(); from += HASH_CHUNK_CHARS) {
            int to = Math.min(text.length(), from + HASH_CHUNK_CHARS);
            for (int i = from; i < to; i++) {
                chunk[2 * (i - from)] = (byte) (text.charAt(i) >> 8);
                chunk[2 * (i - from) + 1] = (byte) text.charAt(i);
            }
            sha256.update(chunk, 0, 2 * (to - from));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
