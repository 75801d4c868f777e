package io.jakartaredis.limiter.cdi;

import java.util.List;
import java.util.Optional;

import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.PolicyConfig;

/** Settings that are valid but change nothing, worth one warning at startup: the operator meant something else. */
final class IneffectiveSettings {

    private IneffectiveSettings() {
    }

    /** {@code shadow-headers=true} on enforced policies, which always send their fields. */
    static Optional<String> shadowHeadersOnEnforcedPolicies(LimiterConfig config) {
        List<String> names = config.policies().values().stream()
                .filter(policy -> policy.shadowHeaders() && !policy.shadow())
                .map(PolicyConfig::name)
                .toList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("limiter.policy.<name>.shadow-headers=true has no effect on policies " + names
                + ", which are enforced (mode=enforce) and always send their RateLimit fields; it applies in mode=shadow only");
    }
}
