package io.jakartaredis.limiter.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

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
    /** {@code #} and the unpadded base64url of 32 bytes. */
    private static final Pattern HASHED_FORM = Pattern.compile("#[A-Za-z0-9_-]{43}");

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

    /**
     * The key of the sorted set that holds the concurrency leases of the bucket at
     * {@code bucketKey}, in the same Cluster slot (the script takes both keys):
     * {@code {<bucketKey>}:leases} when the bucket key has no hash tag, its whole self the tag, else
     * {@code <bucketKey>:{leases}}, keeping the bucket key's own tag (the prefix's, which comes first).
     * The bucket key itself is unchanged, so existing buckets keep their state.
     *
     * <p>No lease key is another key of the limiter, whatever the prefixes of the applications that
     * share the Redis. A bucket key is {@code <prefix><policy>:<client>}, where the policy name holds
     * only letters, digits, {@code -} and {@code _} and the safe client key no brace (nor space),
     * and ends with a character of its client key, never {@code }}. A lease key of the second form
     * ends with {@code }}: no bucket key; its text after its last {@code {} is {@code leases}}, the
     * readiness key's {@code readiness}}. In one of the first form, {@code {<bucketKey>}:leases},
     * the client part of a bucket key would have to follow a colon after the last {@code }}, which
     * is the colon right after it: the policy name would end with {@code }}, which none does; and it
     * ends with {@code s}, the readiness key with {@code }}. Two lease keys of one form are equal
     * only for equal bucket keys, and the two forms end differently.
     *
     * @throws IllegalArgumentException for a bucket key with a closing brace but no hash tag (from
     *                                  its prefix), which no other key can share a slot with;
     *                                  {@link io.jakartaredis.limiter.config.LimiterConfigReader}
     *                                  refuses such a prefix for policies with a concurrency limit
     */
    static String leaseKey(String bucketKey) {
        if (hasHashTag(bucketKey)) {
            return bucketKey + ":{leases}";
        }
        if (bucketKey.indexOf('}') >= 0) {
            throw new IllegalArgumentException("no key can share the Cluster slot of " + bucketKey
                    + ": it has a '}' but no hash tag");
        }
        return "{" + bucketKey + "}:leases";
    }

    /** As Redis Cluster reads a key: a '{', later a '}', and at least one character between them. */
    static boolean hasHashTag(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1;
    }

    static String key(String policyPrefix, String clientKey) {
        return policyPrefix + safeClientKey(clientKey);
    }

    /** Whether {@code key} is a client key in its safe form, verbatim or hashed (as read back from a lease id). */
    static boolean isSafe(String key) {
        return isVerbatim(key) || HASHED_FORM.matcher(key).matches();
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
