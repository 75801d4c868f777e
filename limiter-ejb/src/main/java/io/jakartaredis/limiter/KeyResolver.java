package io.jakartaredis.limiter;

import jakarta.interceptor.InvocationContext;

/**
 * Chooses the client key of a {@link RateLimited} call, for keys that the built-in strategies
 * ({@code ip}, {@code principal}, {@code header:<Name>}, {@code global}) do not cover, e.g. a
 * method argument. Implementations are CDI beans, named in {@link RateLimited#keyResolver()}.
 * Each is looked up once and shared by every call of every method that names it, from many
 * threads at once: keep it stateless. A {@code @Dependent} resolver is created once and destroyed
 * when the application stops.
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class TenantKey implements KeyResolver {
 *     public String resolve(InvocationContext call) {
 *         return (String) call.getParameters()[0];
 *     }
 * }
 * </pre>
 */
public interface KeyResolver {

    /**
     * @param invocation the intercepted call, with its target, method and arguments
     * @return the client key; any string (unusual ones are hashed before they reach Redis)
     */
    String resolve(InvocationContext invocation);
}
