package io.jakartaredis.limiter.redis;

/**
 * The concurrency part of one script call: the lease key ({@code KEYS[2]}) and ARGV[4],
 * {@code "slots timeout id"}.
 *
 * @param key           the lease key, in the bucket key's Cluster slot
 * @param slots         leases live at once at most
 * @param timeoutMillis how long a lease lives after its slot, ms
 * @param id            the lease id that an admitted call holds, or that a release gives back;
 *                      {@link #NO_ID} for a peek; no whitespace
 */
public record Lease(String key, int slots, long timeoutMillis, String id) {

    /** The lease id of a peek, which holds nothing. */
    public static final String NO_ID = "-";

    public Lease {
        if (slots < 1 || timeoutMillis < 1 || id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid lease: " + slots + " slots, " + timeoutMillis + " ms, id '" + id + "'");
        }
    }

    /** The same lease key and limit for a call that holds {@code leaseId}. */
    public Lease withId(String leaseId) {
        return new Lease(key, slots, timeoutMillis, leaseId);
    }

    String argument() {
        return slots + " " + timeoutMillis + " " + id;
    }
}
