package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;

class IneffectiveSettingsTest {

    private static LimiterConfig config(Map<String, String> values) {
        return LimiterConfigReader.read(ConfigValues.of(values));
    }

    @Test
    void shadowHeadersOnAnEnforcedPolicyAreWarnedAboutNamingThePolicy() {
        LimiterConfig config = config(Map.of("limiter.redis.url", "redis://127.0.0.1:1",
                "limiter.policy.api.limits", "10/1s", "limiter.policy.api.shadow-headers", "true",
                "limiter.policy.trial.limits", "10/1s", "limiter.policy.trial.mode", "shadow",
                "limiter.policy.trial.shadow-headers", "true"));
        assertEquals(Optional.of("limiter.policy.<name>.shadow-headers=true has no effect on policies [api], which are "
                        + "enforced (mode=enforce) and always send their RateLimit fields; it applies in mode=shadow only"),
                IneffectiveSettings.shadowHeadersOnEnforcedPolicies(config));
    }

    @Test
    void shadowHeadersInShadowModeAreNotWarnedAbout() {
        LimiterConfig config = config(Map.of("limiter.redis.url", "redis://127.0.0.1:1",
                "limiter.policy.trial.limits", "10/1s", "limiter.policy.trial.mode", "shadow",
                "limiter.policy.trial.shadow-headers", "true", "limiter.policy.api.limits", "10/1s"));
        assertEquals(Optional.empty(), IneffectiveSettings.shadowHeadersOnEnforcedPolicies(config));
    }
}
