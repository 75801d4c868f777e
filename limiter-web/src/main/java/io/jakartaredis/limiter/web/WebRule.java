package io.jakartaredis.limiter.web;

import java.util.Set;
import java.util.TreeSet;

import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.keys.KeyStrategy;

/**
 * One filter rule, {@code limiter.web.rules.<name>.*}: requests whose path matches the pattern
 * and whose method is listed take {@code cost} tokens from the policy, keyed by the strategy.
 *
 * @param name    the rule's name, which orders the rules
 * @param pattern the servlet URL pattern
 * @param policy  the policy, as the rate limiter knows it
 * @param methods the HTTP methods in upper case; empty for every method
 * @param key     who is limited
 * @param cost    tokens per request, from 1 to the policy's smallest capacity
 * @param refundStatus the response statuses after which the tokens are given back
 */
record WebRule(String name, UrlPattern pattern, PolicyConfig policy, Set<String> methods, KeyStrategy key, int cost,
               RefundStatuses refundStatus) {

    /** A rule that never refunds. */
    WebRule(String name, UrlPattern pattern, PolicyConfig policy, Set<String> methods, KeyStrategy key, int cost) {
        this(name, pattern, policy, methods, key, cost, RefundStatuses.NONE);
    }

    WebRule {
        methods = Set.copyOf(methods);
    }

    boolean matches(String method, String path) {
        return (methods.isEmpty() || methods.contains(method)) && pattern.matches(path);
    }

    @Override
    public String toString() {
        return name + " (" + (methods.isEmpty() ? "" : String.join(",", new TreeSet<>(methods)) + " ")
                + pattern + " -> " + policy.name() + ", key " + key + ", cost " + cost
                + (refundStatus.isEmpty() ? "" : ", refund " + refundStatus) + ")";
    }
}
