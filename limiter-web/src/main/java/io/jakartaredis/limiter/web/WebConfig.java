package io.jakartaredis.limiter.web;

import java.util.List;

import io.jakartaredis.limiter.keys.ClientAddressConfig;

/**
 * The validated configuration of the web layer, read once at startup.
 *
 * @param rules           the filter rules, ordered by name; empty: the filter is not installed
 * @param clientAddresses how the client is found and keyed ({@code limiter.web.trusted-proxies},
 *                        {@code .ipv4-prefix}, {@code .ipv6-prefix}), as the interceptor does
 * @param legacyHeaders   whether to add {@code X-RateLimit-*} ({@code limiter.web.legacy-headers})
 */
record WebConfig(List<WebRule> rules, ClientAddressConfig clientAddresses, boolean legacyHeaders) {

    WebConfig {
        rules = List.copyOf(rules);
    }
}
