package io.jakartaredis.limiter.web;

import java.util.Set;

/**
 * The name of every property that limiter-web reads itself: {@code limiter.web.legacy-headers}
 * and the attributes of a filter rule ({@code limiter.web.rules.<rule>.<attribute>}). The client
 * address properties ({@code limiter.web.trusted-proxies} …) are the core's, shared with the
 * interceptor: see {@link io.jakartaredis.limiter.config.ConfigProperties#FIXED}. The reader builds
 * rule property names only through {@link #ofRule}, which refuses an attribute missing here, so
 * these lists are what the code reads; the manual's configuration reference is checked against them.
 */
public final class WebConfigProperties {

    /** Where every property of a filter rule starts. */
    public static final String RULES_PREFIX = "limiter.web.rules.";

    /** Also send the {@code X-RateLimit-*} fields. */
    public static final String LEGACY_HEADERS = "limiter.web.legacy-headers";

    /** The properties of fixed names that limiter-web reads. */
    public static final Set<String> FIXED = Set.of(LEGACY_HEADERS);

    /** Every attribute of a filter rule. */
    public static final Set<String> RULE_ATTRIBUTES = Set.of("pattern", "policy", "methods", "key", "cost", "refund-status");

    private WebConfigProperties() {
    }

    /**
     * {@code limiter.web.rules.<rule>.<attribute>}.
     *
     * @throws IllegalArgumentException for an attribute that is not one of {@link #RULE_ATTRIBUTES}
     */
    public static String ofRule(String rule, String attribute) {
        if (!RULE_ATTRIBUTES.contains(attribute)) {
            throw new IllegalArgumentException("not a rule attribute: " + attribute);
        }
        return RULES_PREFIX + rule + "." + attribute;
    }
}
