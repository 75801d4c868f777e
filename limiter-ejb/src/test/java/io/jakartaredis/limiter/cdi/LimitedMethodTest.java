package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.interceptor.InvocationContext;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.KeyResolver;
import io.jakartaredis.limiter.RateLimited;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.keys.KeyStrategy;

class LimitedMethodTest {

    static class Annotated {
        @RateLimited(policy = "api", limits = "10/1s", key = "header:X-Api-Key", cost = 2)
        void byHeader() {
        }

        @RateLimited(policy = "tenant", keyResolver = TenantKey.class)
        void byResolver() {
        }

        @RateLimited(policy = "bad name")
        void badName() {
        }

        @RateLimited(policy = "api", key = "cookie")
        void badKey() {
        }

        @RateLimited(policy = "login", countOn = IllegalStateException.class, refundOn = UnsupportedOperationException.class,
                maxWait = "3s")
        void failedLogins() {
        }

        @RateLimited(policy = "api", maxWait = "2h")
        void waitsTooLong() {
        }
    }

    static class TenantKey implements KeyResolver {
        @Override
        public String resolve(InvocationContext invocation) {
            return "t";
        }
    }

    private static RateLimited on(String method) throws NoSuchMethodException {
        return Annotated.class.getDeclaredMethod(method).getAnnotation(RateLimited.class);
    }

    private static LimitedMethod resolve(String method, String... properties) throws NoSuchMethodException {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return LimitedMethod.resolve(on(method), ConfigValues.of(values), "Annotated#" + method, LimitedMethodTest.class.getClassLoader());
    }

    @Test
    void annotationGivesTheDefaults() throws Exception {
        assertEquals(new LimitedMethod("api", new KeyStrategy.Header("X-Api-Key"), null, 2), resolve("byHeader"));
    }

    @Test
    void configurationOverridesKeyAndCost() throws Exception {
        assertEquals(new LimitedMethod("api", new KeyStrategy.Global(), null, 3),
                resolve("byHeader", "limiter.policy.api.key", "global", "limiter.policy.api.cost", "3"));
    }

    @Test
    void customResolverAppliesUnlessConfigurationNamesAKey() throws Exception {
        LimitedMethod byResolver = resolve("byResolver");
        assertEquals(TenantKey.class, byResolver.resolver());
        assertNull(byResolver.strategy());
        assertEquals(new KeyStrategy.Ip(), resolve("byResolver", "limiter.policy.tenant.key", "ip").strategy());
    }

    @Test
    void invalidSettingsNameTheirOrigin() {
        assertEquals("@RateLimited(policy) on Annotated#badName: \"bad name\" is invalid: a policy name has 1 to 64 letters, digits, '-' or '_'",
                assertThrows(InvalidConfigurationException.class, () -> resolve("badName")).getMessage());
        assertEquals("@RateLimited(key) on Annotated#badKey: \"cookie\" is invalid: expected ip, principal, global or header:<Name>",
                assertThrows(InvalidConfigurationException.class, () -> resolve("badKey")).getMessage());
        assertEquals("limiter.policy.api.cost: \"0\" is invalid: expected a whole number of at least 1",
                assertThrows(InvalidConfigurationException.class,
                        () -> resolve("byHeader", "limiter.policy.api.cost", "0")).getMessage());
    }

    @Test
    void annotationGivesCountedOutcomesAndMaxWait() throws Exception {
        LimitedMethod login = resolve("failedLogins");
        assertEquals(new CountedOutcomes(List.of(IllegalStateException.class), List.of(UnsupportedOperationException.class)),
                login.outcomes());
        assertEquals(Duration.ofSeconds(3), login.maxWait());
        assertEquals(CountedOutcomes.EVERY, resolve("byHeader").outcomes());
        assertEquals(Duration.ZERO, resolve("byHeader").maxWait());
    }

    @Test
    void configurationOverridesCountedOutcomesAndMaxWait() throws Exception {
        LimitedMethod login = resolve("failedLogins",
                "limiter.policy.login.count-on", "java.io.IOException, java.lang.IllegalArgumentException",
                "limiter.policy.login.refund-on", " java.io.FileNotFoundException ",
                "limiter.policy.login.max-wait", "0");
        assertEquals(new CountedOutcomes(List.of(IOException.class, IllegalArgumentException.class),
                List.of(FileNotFoundException.class)), login.outcomes());
        assertEquals(Duration.ZERO, login.maxWait());
        assertEquals(Duration.ofMillis(1500), resolve("byHeader", "limiter.policy.api.max-wait", "1500ms").maxWait());
    }

    @Test
    void invalidOutcomeAndWaitSettingsNamePropertyAndValue() {
        assertEquals("limiter.policy.login.count-on: \"com.example.Missing\" is invalid: the application has no class "
                        + "com.example.Missing; expected a comma list of fully qualified exception class names",
                assertThrows(InvalidConfigurationException.class,
                        () -> resolve("failedLogins", "limiter.policy.login.count-on", "com.example.Missing")).getMessage());
        assertEquals("limiter.policy.login.refund-on: \"java.lang.String\" is invalid: java.lang.String is no Throwable; "
                        + "expected exception classes",
                assertThrows(InvalidConfigurationException.class,
                        () -> resolve("failedLogins", "limiter.policy.login.refund-on", "java.lang.String")).getMessage());
        assertThrows(InvalidConfigurationException.class,
                () -> resolve("failedLogins", "limiter.policy.login.count-on", "java.io.IOException,"));
        assertEquals("limiter.policy.api.max-wait: \"-1s\" is invalid: expected 0 (no waiting) or a positive duration "
                        + "such as 250ms, 30s, 15m, 1h, 1d or PT1M, at most 1h",
                assertThrows(InvalidConfigurationException.class,
                        () -> resolve("byHeader", "limiter.policy.api.max-wait", "-1s")).getMessage());
        assertEquals("limiter.policy.api.max-wait: \"61m\" is invalid: the longest wait is 1h",
                assertThrows(InvalidConfigurationException.class,
                        () -> resolve("byHeader", "limiter.policy.api.max-wait", "61m")).getMessage());
        assertEquals("@RateLimited(maxWait) on Annotated#waitsTooLong: \"2h\" is invalid: the longest wait is 1h",
                assertThrows(InvalidConfigurationException.class, () -> resolve("waitsTooLong")).getMessage());
    }

    @Test
    void costAboveTheSmallestCapacityIsRejectedAtDeployment() throws Exception {
        LimitedMethod costly = resolve("byHeader", "limiter.policy.api.cost", "5");
        LimiterConfig config = config("limiter.policy.api.limits", "4/1s, 100/1h");
        assertEquals("cost of @RateLimited on Annotated#byHeader: \"5\" is invalid: it exceeds the smallest capacity of "
                        + "policy api=4/1s, 100/1h, so no call could ever pass",
                assertThrows(InvalidConfigurationException.class, () -> costly.checkAgainst(config, ConfigValues.of(Map.of()), "Annotated#byHeader"))
                        .getMessage());
    }

    @Test
    void theLongestWaitIsAcceptedForTheLargestLimitsAtDeployment() throws Exception {
        ConfigValues configured = ConfigValues.of(Map.of("limiter.policy.api.max-wait", "1h"));
        LimitedMethod waiting = resolve("byHeader", "limiter.policy.api.max-wait", "1h");
        waiting.checkAgainst(config("limiter.policy.api.limits", "1000000000/366d"), configured, "Annotated#byHeader");
        waiting.checkAgainst(config("limiter.policy.api.limits", "1000000000/1ms"), configured, "Annotated#byHeader");
    }

    @Test
    void aPolicyWithoutLimitsIsRejectedNamingTheMethodAndTheProperty() throws Exception {
        LimitedMethod withoutLimits = resolve("byResolver");
        assertEquals("@RateLimited(policy) on Annotated#byResolver: \"tenant\" is invalid: no limits: set "
                        + "limiter.policy.tenant.limits or @RateLimited(limits)",
                assertThrows(InvalidConfigurationException.class, () -> withoutLimits.checkAgainst(config(), ConfigValues.of(Map.of()), "Annotated#byResolver"))
                        .getMessage());
    }

    private static LimiterConfig config(String... properties) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("limiter.redis.url", "redis://127.0.0.1:1"));
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return LimiterConfigReader.read(ConfigValues.of(values), Map.of());
    }
}
