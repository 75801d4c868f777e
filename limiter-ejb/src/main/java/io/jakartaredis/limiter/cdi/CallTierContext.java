package io.jakartaredis.limiter.cdi;

import java.security.Principal;
import java.util.Optional;

import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

import io.jakartaredis.limiter.TierContext;
import io.jakartaredis.limiter.keys.ClientKeys;

/**
 * The {@link TierContext} of one call, from the HTTP request being served (if any), the caller and
 * the intercepted call (if any): the same view for the servlet filter and the interceptor.
 */
public final class CallTierContext implements TierContext {

    private final String policy;
    private final String clientKey;
    private final HttpServletRequest request;
    private final Principal caller;
    private final InvocationContext invocation;

    private CallTierContext(String policy, String clientKey, HttpServletRequest request, Principal caller,
                            InvocationContext invocation) {
        this.policy = policy;
        this.clientKey = clientKey;
        this.request = request;
        this.caller = ClientKeys.isAnonymous(caller) ? null : caller;
        this.invocation = invocation;
    }

    /** A request that the servlet filter checks; the caller is the request's user principal. */
    public static TierContext ofRequest(String policy, String clientKey, HttpServletRequest request) {
        return new CallTierContext(policy, clientKey, request, request.getUserPrincipal(), null);
    }

    /**
     * An intercepted call.
     *
     * @param request the HTTP request being served, or {@code null} outside one
     * @param caller  the caller principal, or {@code null} when anonymous
     */
    static TierContext ofCall(String policy, String clientKey, HttpServletRequest request, Principal caller,
                              InvocationContext invocation) {
        return new CallTierContext(policy, clientKey, request, caller, invocation);
    }

    @Override
    public String policy() {
        return policy;
    }

    @Override
    public String clientKey() {
        return clientKey;
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.ofNullable(caller);
    }

    @Override
    public Optional<String> header(String name) {
        return request == null ? Optional.empty() : Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public Optional<InvocationContext> invocation() {
        return Optional.ofNullable(invocation);
    }
}
