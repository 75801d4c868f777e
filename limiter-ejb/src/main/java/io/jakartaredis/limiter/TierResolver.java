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
 * <p>A resolver that throws a {@link RuntimeException} (its database is down, or it is a
 * request-scoped bean called from a timer or an asynchronous method) never fails the call: the
 * call gets the policy's own limits, and a WARNING (at most one per minute) names the resolver's
 * class and the exception. Make the policy's own limits the strictest plan.
 *
 * <p>Never trust what a client can send: a header such as {@code X-Plan} only when a gateway
 * sets it and strips the client's own.
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class PlanTier implements TierResolver {
 *     &#64;Inject
 *     Plans plans; // the application's own lookup, cached by it
 *
 *     public String resolve(TierContext call) {
 *         return call.principal().map(user -&gt; plans.of(user.getName())).orElse(null);
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
