package io.jakartaredis.limiter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code limiter.policy.<name>.concurrency} and {@code .lease-timeout}, and their annotation defaults. */
class ConcurrencyConfigReaderTest {

    private static LimiterConfig read(Map<String, PolicyDefaults> declared, String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return LimiterConfigReader.read(ConfigValues.of(values), declared);
    }

    @Test
    void aConcurrencyLimitAloneMakesAPolicyWithTheDefaultLeaseTimeout() {
        PolicyConfig policy = read(Map.of(), "limiter.policy.reports.concurrency", "4").policy("reports").orElseThrow();
        assertEquals(List.of(), policy.limits());
        assertEquals(new Concurrency(4, Duration.ofSeconds(30)), policy.concurrency());
    }

    @Test
    void itCombinesWithLimits() {
        PolicyConfig policy = read(Map.of(), "limiter.policy.api.limits", "10/1s", "limiter.policy.api.concurrency", "4",
                "limiter.policy.api.lease-timeout", "2m").policy("api").orElseThrow();
        assertEquals(1, policy.limits().size());
        assertEquals(new Concurrency(4, Duration.ofMinutes(2)), policy.concurrency());
        assertNull(read(Map.of(), "limiter.policy.api.limits", "10/1s").policy("api").orElseThrow().concurrency());
    }

    @Test
    void propertiesOverrideTheAnnotationsDefaults() {
        Map<String, PolicyDefaults> declared = Map.of("api",
                new PolicyDefaults("", "@RateLimited(limits) on Api#get", 3, "10s", "Api#get"));
        assertEquals(new Concurrency(3, Duration.ofSeconds(10)), read(declared).policy("api").orElseThrow().concurrency());
        assertEquals(new Concurrency(8, Duration.ofSeconds(10)),
                read(declared, "limiter.policy.api.concurrency", "8").policy("api").orElseThrow().concurrency());
        assertEquals(new Concurrency(3, Duration.ofMinutes(1)),
                read(declared, "limiter.policy.api.lease-timeout", "1m").policy("api").orElseThrow().concurrency());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limiter.policy.api.concurrency|0|expected a whole number of calls in flight, 1 to 100000",
        "limiter.policy.api.concurrency|100001|expected a whole number of calls in flight, 1 to 100000",
        "limiter.policy.api.concurrency|four|expected a whole number of calls in flight, 1 to 100000",
        "limiter.policy.api.lease-timeout|500ms|expected a duration from 1s to 1d",
        "limiter.policy.api.lease-timeout|2d|expected a duration from 1s to 1d",
        "limiter.policy.api.lease-timeout|soon|expected a duration from 1s to 1d",
    })
    void invalidValuesFailNamingPropertyValueAndRule(String property, String value, String rule) {
        Map<String, String> values = new HashMap<>(Map.of("limiter.policy.api.concurrency", "4"));
        values.put(property, value);
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> LimiterConfigReader.read(ConfigValues.of(values)));
        assertEquals(property, error.property());
        assertTrue(error.getMessage().startsWith(property + ": \"" + value + "\" is invalid: " + rule), error.getMessage());
    }

    @Test
    void anAnnotationsOutOfRangeSlotsFailNamingTheMethod() {
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class, () -> read(
                Map.of("api", new PolicyDefaults("", "@RateLimited(limits) on Api#get", -2, "", "Api#get"))));
        assertEquals("@RateLimited(concurrency) on Api#get", error.property());
    }

    @Test
    void aLeaseTimeoutWithoutConcurrencyLimitFails() {
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class, () -> read(Map.of(),
                "limiter.policy.api.limits", "10/1s", "limiter.policy.api.lease-timeout", "1m"));
        assertEquals("limiter.policy.api.lease-timeout", error.property());
        assertTrue(error.getMessage().contains("a lease timeout needs a concurrency limit"), error.getMessage());
        InvalidConfigurationException unknown = assertThrows(InvalidConfigurationException.class, () -> read(Map.of(),
                "limiter.policy.nothing.lease-timeout", "1m"));
        assertTrue(unknown.getMessage().contains("unknown policy 'nothing'"), unknown.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"}app:", "{}app:", "app}{:"})
    void aKeyPrefixWithABraceButNoHashTagFailsWithAConcurrencyLimit(String prefix) {
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class, () -> read(Map.of(),
                "limiter.key-prefix", prefix, "limiter.policy.api.concurrency", "4"));
        assertEquals(LimiterConfigReader.KEY_PREFIX, error.property());
        read(Map.of(), "limiter.key-prefix", prefix, "limiter.policy.api.limits", "10/1s"); // fine without one
        read(Map.of(), "limiter.key-prefix", "{app}:", "limiter.policy.api.concurrency", "4");
        read(Map.of(), "limiter.key-prefix", "app{:", "limiter.policy.api.concurrency", "4");
    }
}
