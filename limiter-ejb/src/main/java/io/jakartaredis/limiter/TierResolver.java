package io.jakartaredis.limiter;

/**
 * Chooses the tier of a call under a policy with tiers ({@code limiter.policy.<name>.tiers.<tier>.limits}):
 * which of its limits apply to this client, decided per call, e.g. from the principal's plan, a
 * verified claim, a header set by a trusted gateway, or a lookup that the application caches. One
 * bean serves the servlet filter and the {@link RateLimited} interceptor alike: the
 * {@link TierContext} gives the principal and request headers when there is a request, and the
 * intercepted call when there is one.
 *
 * <p>Implementations are CDI beans. A policy with tiers uses the bean named by
 * {@code limiter.policy.<name>.tier-resolver} (its fully qualified class), else the application's
 * only {@code TierResolver} bean; none or several fail the deployment. Each is looked up once and
 * shared by every call, from many threads at once: keep it stateless (or thread-safe) and fast, it
 * runs before every decision. A {@code @Dependent} resolver is created once and destroyed when the
 * application stops.
 *
 * <p>The answer is a tier name of the policy. {@code null} or a blank name means the policy's own
 * limits; a name the policy does not have also gets the policy's own limits, and a WARNING (at most
 * one per policy per minute). A client keeps one bucket whatever its tier: a tier change follows
 * the rules for changed limits, so a downgrade never hands out fresh tokens.
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class PlanTier implements TierResolver {
 *     public String resolve(TierContext call) {
 *         // set by the API gateway, which strips it from client requests
 *         return call.header("X-Plan").orElse(null);
 *     }
 * }
 * </pre>
 */
public interface TierResolver {

    /**
     * @param call the policy, the client key and what is known of the call
     * @return the tier's name; {@code null} or blank for the policy's own limits
     */
    String resolve(TierContext call);
}
