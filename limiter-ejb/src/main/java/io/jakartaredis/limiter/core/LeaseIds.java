package io.jakartaredis.limiter.core;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lease ids, unique per acquisition across nodes: a random node id (48 bits, drawn once per limiter)
 * and a counter, e.g. {@code k3Jx9QaB.1f}: about 12 characters, so a lease costs Redis little. A
 * {@link io.jakartaredis.limiter.Decision#leaseId() decision's lease id} is that id, {@code @} and
 * the client key in its safe form, so that a release finds the lease key from the decision alone;
 * one of the {@code local} failure policy's slots starts with {@code ~}. Two
 * limiters draw the same node id with a chance of about n^2 / 2^49 for n limiters sharing a key's
 * leases; a restarted node draws a new one, so its old leases, still expiring, are never confused
 * with new ones.
 */
final class LeaseIds {

    private final String node;
    private final AtomicLong counter = new AtomicLong();

    LeaseIds() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        this.node = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static final char CLIENT_MARK = '@';
    private static final String LOCAL_MARK = "~";

    /** A new lease id, as Redis stores it: base64url, a dot and base-36 digits; no whitespace, no {@code @}. */
    String next() {
        return node + "." + Long.toString(counter.incrementAndGet(), 36);
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
    private static final Pattern SHAPE = Pattern.compile("~?[A-Za-z0-9_-]{8}\\.[0-9a-z]{1,13}@(.+)", Pattern.DOTALL);

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
