package io.jakartaredis.limiter.core;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lease ids, drawn at random per acquisition: 96 bits from {@link SecureRandom} in base64url, 16
 * characters, e.g. {@code k3Jx9QaB_1fZ0c-T}. Nobody can guess another call's lease id, so that no
 * client can release a slot that it did not get by guessing (a decision holding a lease is a
 * capability: whoever has it can give the slot back). Two leases of one key collide with a chance
 * of about n^2 / 2^97 for n leases; a restarted node's new ids are never confused with its old
 * ones, still expiring. A {@link io.jakartaredis.limiter.Decision#leaseId() decision's lease id}
 * is that id, {@code @} and the client key in its safe form, so that a release finds the lease key
 * from the decision alone; one of the {@code local} failure policy's slots starts with {@code ~}.
 */
final class LeaseIds {

    private static final int RANDOM_BYTES = 12;

    private final SecureRandom random = new SecureRandom();

    private static final char CLIENT_MARK = '@';
    private static final String LOCAL_MARK = "~";

    /** A new lease id, as Redis stores it: 16 base64url characters; no whitespace, no {@code @}. */
    String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The decision's lease id of {@code id} held in Redis for the client of {@code safeClientKey}. */
    static String held(String id, String safeClientKey) {
        return id + CLIENT_MARK + safeClientKey;
    }

    /** The decision's lease id of a slot that the {@code local} failure policy holds on this node. */
    static String local(String id, String safeClientKey) {
        return LOCAL_MARK + held(id, safeClientKey);
    }

    /** A decision's lease id as {@link #held} and {@link #local} make it: the id, then the client key. */
    private static final Pattern SHAPE = Pattern.compile("~?[A-Za-z0-9_-]{16}@(.+)", Pattern.DOTALL);

    /**
     * Checks a decision's lease id entirely, before anything reaches Redis: its shape, and a client
     * key in the safe form that {@link BucketKeys} makes.
     *
     * @throws IllegalArgumentException for any other text, naming it
     */
    static void check(String leaseId) {
        Matcher matcher = SHAPE.matcher(leaseId);
        if (!matcher.matches() || !BucketKeys.isSafe(matcher.group(1))) {
            throw new IllegalArgumentException("not a lease id of this limiter: '" + leaseId + "'");
        }
    }

    static boolean isLocal(String leaseId) {
        return leaseId.startsWith(LOCAL_MARK);
    }

    /** The id that Redis stores, from a decision's lease id. */
    static String idOf(String leaseId) {
        return leaseId.substring(0, mark(leaseId));
    }

    /** The client key in its safe form, from a decision's lease id. */
    static String safeClientKeyOf(String leaseId) {
        return leaseId.substring(mark(leaseId) + 1);
    }

    private static int mark(String leaseId) {
        int mark = leaseId.indexOf(CLIENT_MARK);
        if (mark < 1 || mark == leaseId.length() - 1) {
            throw new IllegalArgumentException("not a lease id of this limiter: '" + leaseId + "'");
        }
        return mark;
    }
}
