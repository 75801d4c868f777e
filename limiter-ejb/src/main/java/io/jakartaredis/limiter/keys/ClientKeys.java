package io.jakartaredis.limiter.keys;

/**
 * Client keys per strategy, each with its own prefix so that a user called {@code 10.0.0.1} and
 * the address {@code 10.0.0.1} never share a bucket. The filter and the interceptor both use
 * these, so one policy limits a client the same way through either.
 */
public final class ClientKeys {

    /** The one key of the {@code global} strategy. */
    public static final String GLOBAL = "global";

    /** The address used when a call has no HTTP request (timers, asynchronous EJB methods, JMS). */
    public static final String NO_REQUEST = "none";

    private ClientKeys() {
    }

    public static String address(String clientAddress) {
        return "ip:" + clientAddress;
    }

    public static String user(String principalName) {
        return "user:" + principalName;
    }

    public static String header(String value) {
        return "hdr:" + value;
    }

    /** Containers name the unauthenticated caller differently: Payara ANONYMOUS, WildFly anonymous. */
    public static boolean isAnonymous(java.security.Principal principal) {
        return principal == null || principal.getName() == null || principal.getName().isBlank()
                || principal.getName().equalsIgnoreCase("anonymous");
    }
}
