package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.PolicyConfig;

/** No client of any policy can reach the readiness check's bucket. */
class ReadinessKeyTest {

    private static final List<String> HOSTILE_CLIENTS = List.of("#readiness", "readiness", ":#readiness", "",
            "{#readiness}", "\0#readiness", "a".repeat(200), "#", "rate_limit:#readiness");

    @Test
    void theReadinessKeyFollowsThePrefixWithAMarkThatNoPolicyNameHas() {
        assertEquals("rate_limit:#readiness", BucketKeys.readinessKey("rate_limit:"));
        assertEquals("#readiness", BucketKeys.readinessKey(""));
    }

    @Test
    void noClientKeyOfAnyPolicyIsTheReadinessKey() {
        for (String prefix : List.of("rate_limit:", "", "app:", "#")) {
            for (String policy : List.of("api", "readiness", "_", "-", "A0", "x".repeat(64))) {
                String policyPrefix = CompiledPolicy.of(policyNamed(policy), prefix).keyPrefix();
                for (String client : HOSTILE_CLIENTS) {
                    String key = BucketKeys.key(policyPrefix, client);
                    assertFalse(key.equals(BucketKeys.readinessKey(prefix)), key);
                }
            }
        }
    }

    @Test
    void aPolicyCannotBeNamedLikeTheReadinessKey() {
        var error = assertThrows(InvalidConfigurationException.class, () -> LimiterConfigReader.read(
                ConfigValues.of(Map.of("limiter.policy.#readiness.limits", "5/1m"))));
        assertEquals("limiter.policy.#readiness.limits", error.property());
    }

    private static PolicyConfig policyNamed(String name) {
        return LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy." + name + ".limits", "5/1m")))
                .policies().get(name);
    }
}
