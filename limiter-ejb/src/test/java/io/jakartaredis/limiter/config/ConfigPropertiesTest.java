package io.jakartaredis.limiter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * {@link ConfigProperties} names what the readers really ask for: every property that they read,
 * in configurations that reach each of their branches, is one of its names, and each of its fixed
 * names is read by one of them.
 */
class ConfigPropertiesTest {

    /** Records the name of every property asked for. */
    private static final class RecordingValues implements ConfigValues {
        private final ConfigValues values;
        private final Set<String> asked;

        RecordingValues(Map<String, String> values, Set<String> asked) {
            this.values = ConfigValues.of(values);
            this.asked = asked;
        }

        @Override
        public Optional<String> get(String property) {
            asked.add(property);
            return values.get(property);
        }

        @Override
        public Iterable<String> propertyNames() {
            return values.propertyNames();
        }
    }

    private static Map<String, String> policies() {
        Map<String, String> values = new HashMap<>();
        values.put("limiter.policy.p.limits", "10/1s, 100/month");
        values.put("limiter.policy.p.concurrency", "4");
        values.put("limiter.policy.p.tiers.t.limits", "20/1s");
        values.put("limiter.policy.p.tiers.t.concurrency", "8");
        values.put("limiter.policy.q.limits", "5/1m");
        return values;
    }

    private static Set<String> asked(Map<String, String> values) {
        Set<String> asked = new TreeSet<>();
        RecordingValues recording = new RecordingValues(values, asked);
        LimiterConfigReader.read(recording);
        ClientAddressConfigReader.read(recording);
        return asked;
    }

    /** A read name with the policy, tier and rule names replaced by their placeholders. */
    private static String generic(String name) {
        return name.replaceFirst("^limiter\\.policy\\.[^.]+\\.tiers\\.[^.]+\\.", "limiter.policy.<name>.tiers.<tier>.")
                .replaceFirst("^limiter\\.policy\\.[^.]+\\.(?!tiers\\.)", "limiter.policy.<name>.");
    }

    @Test
    void everyPropertyTheReadersAskForIsNamedAndEveryFixedNameIsAskedFor() {
        Map<String, String> standalone = policies();
        standalone.put("limiter.redis.url", "rediss://localhost:6380");
        Map<String, String> legacy = policies();
        legacy.put("REDIS_CONN_ADDRESS", "localhost:6379");
        Map<String, String> sentinel = policies();
        sentinel.put("limiter.redis.sentinel.master", "mymaster");
        sentinel.put("limiter.redis.sentinel.nodes", "s1:26379");
        sentinel.put("limiter.redis.tls.enabled", "true");
        Map<String, String> cluster = policies();
        cluster.put("limiter.redis.cluster.nodes", "c1:7000");

        Set<String> asked = new TreeSet<>();
        for (Map<String, String> values : java.util.List.of(standalone, legacy, sentinel, cluster)) {
            asked(values).forEach(name -> asked.add(generic(name)));
        }
        Set<String> named = new TreeSet<>(ConfigProperties.FIXED);
        ConfigProperties.POLICY_ATTRIBUTES.forEach(a -> named.add(ConfigProperties.ofPolicy("<name>", a)));
        ConfigProperties.TIER_ATTRIBUTES.forEach(a -> named.add(ConfigProperties.ofTier("<name>", "<tier>", a)));

        Set<String> unnamed = new TreeSet<>(asked);
        unnamed.removeAll(named);
        assertEquals(Set.of(), unnamed, "read but not in ConfigProperties");
        Set<String> neverAsked = new TreeSet<>(ConfigProperties.FIXED);
        neverAsked.removeAll(asked);
        assertEquals(Set.of(), neverAsked, "in ConfigProperties.FIXED but read by no reader");
        assertTrue(asked.contains("limiter.policy.<name>.tiers.<tier>.concurrency"), asked.toString());
    }

    @Test
    void anAttributeOutsideTheListsIsRefused() {
        assertEquals("limiter.policy.api.limits", ConfigProperties.ofPolicy("api", "limits"));
        assertThrows(IllegalArgumentException.class, () -> ConfigProperties.ofPolicy("api", "limts"));
        assertThrows(IllegalArgumentException.class, () -> ConfigProperties.ofTier("api", "gold", "zone"));
    }
}
