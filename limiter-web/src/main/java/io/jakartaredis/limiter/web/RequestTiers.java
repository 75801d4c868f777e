package io.jakartaredis.limiter.web;

import jakarta.servlet.http.HttpServletRequest;

import io.jakartaredis.limiter.Decision;

/** The tier of a request under a rule's policy, as the policy's {@code TierResolver} chooses it. */
interface RequestTiers {

    /** Every request has the policy's own limits. */
    RequestTiers NONE = (policy, key, request) -> Decision.DEFAULT_TIER;

    /** @return the tier's name; {@code null}, blank or unknown: the policy's own limits */
    String tierOf(String policy, String clientKey, HttpServletRequest request);
}
