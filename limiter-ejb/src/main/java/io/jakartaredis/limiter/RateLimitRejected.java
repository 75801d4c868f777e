package io.jakartaredis.limiter;

/**
 * A CDI event fired, synchronously on the caller's thread, for every call that a policy rejects
 * over its limit (by Redis, the deny cache or a local bucket of the {@code local} failure policy),
 * before {@link RateLimitExceededException} is thrown or the 429 answered; and for every call
 * that a policy in shadow mode would have rejected, which then proceeds ({@link #shadow()}). Not
 * fired for calls admitted, nor for calls refused because Redis cannot decide. Observers run inside the decision: keep them
 * short, hand slow work to another thread, and do not throw (an observer's exception is logged
 * and does not change the decision).
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class RejectionAudit {
 *     void onRejected(&#64;Observes RateLimitRejected rejected) {
 *         LOG.info(() -&gt; rejected.decision().policy() + " rejected " + rejected.clientKey());
 *     }
 * }
 * </pre>
 *
 * @param decision  the rejection: policy, limit, retry-after; for a shadow rejection allowed, with
 *                  {@link Decision#shadowRejected()} set
 * @param clientKey the client key as the limiter stores it: {@code ip:203.0.113.7}, {@code user:alice}; unusual keys
 *                  (long, non-ASCII, control characters) as {@code #} and their SHA-256, never the raw input
 */
public record RateLimitRejected(Decision decision, String clientKey) {

    /** Whether the policy is in shadow mode and the call proceeds: a would-be rejection, not enforced. */
    public boolean shadow() {
        return decision.shadowRejected();
    }
}
