package io.jakartaredis.limiter;

import java.security.Principal;
import java.util.Optional;

import jakarta.interceptor.InvocationContext;

/**
 * What a {@link TierResolver} knows of the call it chooses a tier for. The limiter makes one per
 * call; it is valid only during {@link TierResolver#resolve}.
 */
public interface TierContext {

    /** The policy's name. */
    String policy();

    /**
     * The client key that the call is limited by, as the key strategy or key resolver made it
     * (e.g. {@code user:alice}, {@code hdr:k-123}, {@code ip:203.0.113.7}), before any hashing.
     */
    String clientKey();

    /** The authenticated caller; empty when anonymous. */
    Optional<Principal> principal();

    /**
     * The first value of a header of the HTTP request being served; empty when there is no
     * request (a timer, an asynchronous method, a message) or no such header. Believe only
     * headers that a trusted gateway sets and strips from client requests.
     */
    Optional<String> header(String name);

    /** The intercepted call, with its target, method and arguments; empty in the servlet filter. */
    Optional<InvocationContext> invocation();
}
