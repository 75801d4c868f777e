package io.jakartaredis.limiter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sentinel, Cluster and TLS properties: parsed, validated, and never shown with a secret. */
class RedisConfigReaderTest {

    private static RedisConfig read(String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return RedisConfigReader.read(new Property(ConfigValues.of(values)));
    }

    @Test
    void standaloneIsTheDefaultAndTrustsTheJvm() {
        RedisConfig redis = read();
        assertEquals(new RedisTopology.Standalone(), redis.topology());
        assertEquals(TlsTrust.JVM_DEFAULT, redis.tlsTrust());
        assertEquals("localhost:6379/0", redis.endpoint());
    }

    @Test
    void readsSentinelMasterNodesAndCredentials() {
        RedisConfig redis = read("limiter.redis.sentinel.master", "mymaster",
                "limiter.redis.sentinel.nodes", " s1:26379, 10.0.0.7:26380 ,[fd00::7]:26381",
                "limiter.redis.sentinel.user", "watcher", "limiter.redis.sentinel.password", "sentinel-secret",
                "limiter.redis.user", "limiter", "limiter.redis.password", "redis-secret",
                "limiter.redis.tls.enabled", "true");
        assertEquals(new RedisTopology.Sentinel("mymaster", List.of(new RedisNode("s1", 26379),
                new RedisNode("10.0.0.7", 26380), new RedisNode("fd00::7", 26381)), "watcher", "sentinel-secret"),
                redis.topology());
        assertEquals("limiter", redis.user());
        assertEquals("redis-secret", redis.password());
        assertTrue(redis.tls());
        assertEquals("sentinel master 'mymaster' via s1:26379,10.0.0.7:26380,[fd00::7]:26381 (sentinel user set,"
                + " password set)", redis.endpoint());
        assertFalse(redis.toString().contains("secret"), redis.toString());
    }

    @Test
    void readsClusterSeedNodes() {
        RedisConfig redis = read("limiter.redis.cluster.nodes", "c1:7000,c2:7001", "limiter.redis.password", "pw");
        assertEquals(new RedisTopology.Cluster(List.of(new RedisNode("c1", 7000), new RedisNode("c2", 7001))),
                redis.topology());
        assertEquals(0, redis.database());
        assertEquals("cluster via c1:7000,c2:7001", redis.endpoint());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limiter.redis.sentinel.master|m|limiter.redis.sentinel.nodes|required with limiter.redis.sentinel.master",
        "limiter.redis.sentinel.nodes|h:1|limiter.redis.sentinel.master|required with limiter.redis.sentinel.nodes",
        "limiter.redis.cluster.nodes|h:1,h|limiter.redis.cluster.nodes|\"h\" is no host:port",
        "limiter.redis.cluster.nodes|h:70000|limiter.redis.cluster.nodes|port 70000",
        "limiter.redis.tls.enabled|yes|limiter.redis.tls.enabled|expected true or false",
        "limiter.redis.tls.ca-file|/nonexistent/ca.pem|limiter.redis.tls.ca-file|TLS is off",
    })
    void invalidValueNamesThePropertyAndTheRule(String property, String value, String named, String rule) {
        var error = assertThrows(InvalidConfigurationException.class, () -> read(property, value));
        assertEquals(named, error.property());
        assertTrue(error.getMessage().contains(rule), error.getMessage());
    }

    @Test
    void refusesSentinelWithClusterAndAUrlWithEither() {
        var both = assertThrows(InvalidConfigurationException.class, () -> read("limiter.redis.cluster.nodes", "h:1",
                "limiter.redis.sentinel.master", "m", "limiter.redis.sentinel.nodes", "h:2"));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        var url = assertThrows(InvalidConfigurationException.class, () -> read("limiter.redis.cluster.nodes", "h:1",
                "limiter.redis.url", "redis://u:url-secret@h:1"));
        assertEquals("limiter.redis.url", url.property());
        assertFalse(url.getMessage().contains("url-secret"), url.getMessage());
    }

    @Test
    void tlsEnabledMustNotContradictRediss() {
        var error = assertThrows(InvalidConfigurationException.class,
                () -> read("limiter.redis.url", "rediss://h:1", "limiter.redis.tls.enabled", "false"));
        assertEquals("limiter.redis.tls.enabled", error.property());
    }

    @Test
    void readsATrustStoreAndRefusesAWrongPasswordWithoutShowingIt(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("trust.p12");
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (OutputStream out = Files.newOutputStream(store)) {
            empty.store(out, "right-pw".toCharArray());
        }
        RedisConfig redis = read("limiter.redis.url", "rediss://h:1", "limiter.redis.tls.truststore", store.toString(),
                "limiter.redis.tls.truststore-password", "right-pw");
        assertEquals(new TlsTrust(null, store, "right-pw"), redis.tlsTrust());
        assertFalse(redis.toString().contains("right-pw"), redis.toString());

        var wrong = assertThrows(InvalidConfigurationException.class, () -> read("limiter.redis.url", "rediss://h:1",
                "limiter.redis.tls.truststore", store.toString(), "limiter.redis.tls.truststore-password", "wrong-pw"));
        assertEquals("limiter.redis.tls.truststore", wrong.property());
        assertFalse(wrong.getMessage().contains("wrong-pw"), wrong.getMessage());
    }

    @Test
    void refusesACaFileWithoutCertificatesAndBothTrustSources(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        var error = assertThrows(InvalidConfigurationException.class,
                () -> read("limiter.redis.url", "rediss://h:1", "limiter.redis.tls.ca-file", notPem.toString()));
        assertTrue(error.getMessage().contains("expected PEM CA certificates"), error.getMessage());
        var both = assertThrows(InvalidConfigurationException.class, () -> read("limiter.redis.url", "rediss://h:1",
                "limiter.redis.tls.ca-file", notPem.toString(), "limiter.redis.tls.truststore", notPem.toString()));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }
}
