package io.jakartaredis.limiter.keys;

import java.util.Locale;

/**
 * The one request header that carries client addresses, chosen by the operator and read only from
 * trusted peers; every other forwarding header is ignored, since proxies pass headers they do
 * not know through untouched and a client could have written them:
 *
 * <ul>
 * <li>{@code X-Forwarded-For}: a comma list that proxies append to (nginx, HAProxy, AWS ALB,
 *     most ingress controllers);</li>
 * <li>{@code Forwarded}: RFC 7239, the {@code for} parameter of each element;</li>
 * <li>any other name, such as {@code X-Real-IP}: one address, set by the nearest proxy.</li>
 * </ul>
 *
 * @param name the header's name as configured; matched case-insensitively, as HTTP does
 */
public record ForwardingHeader(String name) {

    /** The default: {@code X-Forwarded-For}. */
    public static final ForwardingHeader X_FORWARDED_FOR = new ForwardingHeader("X-Forwarded-For");

    static final String RULE = "expected X-Forwarded-For, Forwarded, or the name of a header that carries one "
            + "address, such as X-Real-IP";

    /** How a header's lines name hops. */
    enum Syntax {
        /** Comma-separated nodes, bare IPv6 allowed. */
        LIST,
        /** RFC 7239 elements; the node is the {@code for} parameter. */
        RFC_7239,
        /** The whole value is one node. */
        SINGLE_ADDRESS
    }

    /** @throws IllegalArgumentException for a blank name or one that is no RFC 9110 field name */
    public ForwardingHeader {
        if (name == null || !KeyStrategy.HeaderName.TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException(RULE);
        }
    }

    /** The header of this name, e.g. {@code Forwarded}. */
    public static ForwardingHeader parse(String name) {
        return new ForwardingHeader(name == null ? null : name.strip());
    }

    /** Whether this is {@code X-Forwarded-For} or {@code Forwarded}, a list of hops rather than one address. */
    public boolean isList() {
        return syntax() != Syntax.SINGLE_ADDRESS;
    }

    Syntax syntax() {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "x-forwarded-for" -> Syntax.LIST;
            case "forwarded" -> Syntax.RFC_7239;
            default -> Syntax.SINGLE_ADDRESS;
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
