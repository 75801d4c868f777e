package io.jakartaredis.limiter.cdi;

import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.jakartaredis.limiter.keys.ClientAddressResolver;
import io.jakartaredis.limiter.keys.ClientKeys;
import io.jakartaredis.limiter.keys.KeyStrategy;

/**
 * The client key of a call under a key strategy, for the servlet filter and the
 * {@code @RateLimited} interceptor alike, so that one policy limits one client the same way
 * through either. Each strategy has its own prefix ({@link ClientKeys}): a user named
 * {@code 10.0.0.1} and the address {@code 10.0.0.1} never share a bucket.
 */
public final class RequestKeys {

    /**
     * The longest header value that keys a client; a longer one counts as absent. API keys and
     * client ids are far shorter (a UUID has 36 characters, common API keys 32 to 100), while a
     * value a client can make as long as the container allows (Undertow: 1 MiB) would be hashed
     * whole on every request, before the deny cache could refuse it. Bearer tokens that outgrow
     * this rotate on refresh and make poor keys anyway: key by their verified subject with a
     * {@code KeyResolver}.
     */
    static final int MAX_HEADER_VALUE_LENGTH = 256;

    private final ClientAddressResolver addresses;

    public RequestKeys(ClientAddressResolver addresses) {
        this.addresses = addresses;
    }

    /**
     * {@code ip:<network>}, {@code user:<principal>} (anonymous: the network),
     * {@code hdr:<value>} (absent, blank or longer than
     * {@value #MAX_HEADER_VALUE_LENGTH} characters: the network), or {@code global}. The network is the
     * client's address under the configured prefix lengths ({@link ClientAddressResolver#clientNetwork}),
     * the same for every strategy that falls back to it.
     *
     * @param request the HTTP request being served, or {@code null} outside one (timers,
     *                asynchronous methods): the address is then {@link ClientKeys#NO_REQUEST}
     * @param caller  the caller principal, or {@code null} when anonymous
     */
    public String key(KeyStrategy strategy, HttpServletRequest request, Principal caller) {
        if (strategy instanceof KeyStrategy.Global) {
            return ClientKeys.GLOBAL;
        }
        if (strategy instanceof KeyStrategy.Principal) {
            return ClientKeys.isAnonymous(caller) ? address(request) : ClientKeys.user(caller.getName());
        }
        if (strategy instanceof KeyStrategy.Header header) {
            String value = request == null ? null : request.getHeader(header.name());
            return isUsable(value) ? ClientKeys.header(value) : address(request);
        }
        return address(request);
    }

    private static boolean isUsable(String headerValue) {
        return headerValue != null && headerValue.length() <= MAX_HEADER_VALUE_LENGTH && !headerValue.isBlank();
    }

    private String address(HttpServletRequest request) {
        if (request == null) {
            return ClientKeys.address(ClientKeys.NO_REQUEST);
        }
        return ClientKeys.address(addresses.clientNetwork(request.getRemoteAddr(), lines(request.getHeaders(addresses.header()))));
    }

    /** Containers may refuse to show headers and answer {@code null}. */
    private static List<String> lines(Enumeration<String> values) {
        return values == null ? List.of() : Collections.list(values);
    }
}
