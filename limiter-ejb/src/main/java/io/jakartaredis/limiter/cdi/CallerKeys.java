package io.jakartaredis.limiter.cdi;

import java.security.Principal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

import io.jakartaredis.limiter.TierContext;

/**
 * Resolves the client key of an intercepted call from the current HTTP request, the caller, or a
 * resolver bean, and gives tier resolvers the same view of the call.
 */
@ApplicationScoped
public class CallerKeys {

    private static final System.Logger LOG = System.getLogger(CallerKeys.class.getName());

    @Inject
    Instance<HttpServletRequest> request;

    @Inject
    Instance<Principal> caller;

    @Inject
    RateLimitedExtension extension;

    @Inject
    KeyResolvers resolvers;

    private volatile RequestKeys requestKeys;

    String keyOf(LimitedMethod method, InvocationContext call) {
        if (method.resolver() == null) {
            return requestKeys().key(method.strategy(), currentRequest(), caller.get());
        }
        String key = resolvers.resolve(method.resolver(), call);
        if (key == null) {
            throw new IllegalStateException(method.resolver().getName() + " returned no key for "
                    + RateLimitedExtension.origin(call.getMethod()));
        }
        return key;
    }

    /** What a tier resolver knows of the call: the current request and caller, and the call itself. */
    TierContext tierContext(String policy, String key, InvocationContext call) {
        return CallTierContext.ofCall(policy, key, currentRequest(), caller.get(), call);
    }

    private RequestKeys requestKeys() {
        if (requestKeys == null) {
            requestKeys = new RequestKeys(extension.clientAddresses());
        }
        return requestKeys;
    }

    /**
     * The HTTP request being served on this thread, or {@code null}: timers, asynchronous EJB
     * methods and messages have none, and containers then fail calls on the request bean.
     */
    private HttpServletRequest currentRequest() {
        if (!request.isResolvable()) {
            return null;
        }
        try {
            HttpServletRequest current = request.get();
            current.getRemoteAddr();
            return current;
        } catch (RuntimeException noRequest) {
            LOG.log(System.Logger.Level.DEBUG, "no HTTP request on this thread", noRequest);
            return null;
        }
    }
}
