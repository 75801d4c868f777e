package io.jakartaredis.limiter.web;

import java.util.List;

import io.jakartaredis.limiter.keys.TrustedProxies;

/**
 * The validated configuration of the web layer, read once at startup.
 *
 * @param rules          the filter rules, ordered by name; empty: the filter is not installed
 * @param trustedProxies whose forwarding headers name the client ({@code limiter.web.trusted-proxies})
 * @param legacyHeaders  whether to add {@code X-RateLimit-*} ({@code limiter.web.legacy-headers})
 */
record WebConfig(List<WebRule> rules, TrustedProxies trustedProxies, boolean legacyHeaders) {

    WebConfig {
        rules = List.copyOf(rules);
    }
}
