package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * Attacks on the client key through the filter against a real Redis, each under {@code 20/1h}:
 * a client behind a trusted proxy must not escape its bucket or lock out another client by
 * rotating addresses, sending a header its proxy passes through, or sending a huge header.
 */
class ClientAddressBypassTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String PROXY = "10.0.0.1";
    private static final int ATTEMPTS = 60;
    private static final int LIMIT = 20;

    private final Random random = new Random(20261202);
    private RedisRateLimiter limiter;
    private RateLimitFilter filter;

    private void start(String... properties) {
        Map<String, String> values = new HashMap<>();
        values.put("limiter.redis.url", REDIS.server().url());
        values.put("limiter.policy.api.limits", LIMIT + "/1h");
        values.put("limiter.web.rules.api.pattern", "/*");
        values.put("limiter.web.rules.api.policy", "api");
        values.put("limiter.web.trusted-proxies", "10.0.0.0/8");
        RealFilter real = RealFilter.start(values, properties);
        limiter = real.limiter();
        filter = real.filter();
    }

    @AfterEach
    void stop() {
        limiter.close();
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.flushAll();
        }
    }

    private int status(String peer, String... headers) throws Exception {
        var response = new ServletFakes.Captured();
        filter.doFilter(ServletFakes.get("/api", peer, headers), response.response(), new ServletFakes.Chain().chain());
        return response.status;
    }

    private Set<String> buckets() {
        try (Jedis jedis = REDIS.server().admin()) {
            return new TreeSet<>(jedis.keys("rate_limit:api:*"));
        }
    }

    private String group() {
        return Integer.toHexString(random.nextInt(0x10000));
    }

    @Test
    void rotatingIpv6AddressesInsideOneSlash64SharesOneBucket() throws Exception {
        start();
        int admitted = 0;
        for (int i = 0; i < ATTEMPTS; i++) {
            String rotated = "2001:db8:7:9:" + group() + ":" + group() + ":" + group() + ":" + group();
            admitted += status(PROXY, "X-Forwarded-For", rotated) == 200 ? 1 : 0;
        }
        assertEquals(LIMIT, admitted);
        assertEquals(Set.of("rate_limit:api:ip:2001:db8:7:9::/64"), buckets(), "one bucket, not one per address");
    }

    @Test
    void differentSlash64sAreDifferentClients() throws Exception {
        start();
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(200, status(PROXY, "X-Forwarded-For", "2001:db8:7:9::" + group()));
        }
        assertEquals(429, status(PROXY, "X-Forwarded-For", "2001:db8:7:9::1"));
        assertEquals(200, status(PROXY, "X-Forwarded-For", "2001:db8:7:a::1"), "the neighbouring /64 is another customer");
    }

    @Test
    void theIpv6PrefixIsConfigurable() throws Exception {
        start("limiter.web.ipv6-prefix", "48", "limiter.web.ipv4-prefix", "24");
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(200, status(PROXY, "X-Forwarded-For", "2001:db8:7:" + group() + "::1"));
            assertEquals(200, status(PROXY, "X-Forwarded-For", "198.51.100." + random.nextInt(256)));
        }
        assertEquals(429, status(PROXY, "X-Forwarded-For", "2001:db8:7:ffff::1"));
        assertEquals(429, status(PROXY, "X-Forwarded-For", "198.51.100.1"));
        assertEquals(Set.of("rate_limit:api:ip:2001:db8:7::/48", "rate_limit:api:ip:198.51.100.0/24"), buckets());
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4ClientItCarries() throws Exception {
        start();
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(200, status(PROXY, "X-Forwarded-For", i % 2 == 0 ? "203.0.113.7" : "::ffff:203.0.113.7"));
        }
        assertEquals(429, status("::ffff:203.0.113.7"));
        assertEquals(200, status("203.0.113.8"), "an IPv4 client is one address by default");
        assertEquals(Set.of("rate_limit:api:ip:203.0.113.7", "rate_limit:api:ip:203.0.113.8"), buckets());
    }

    @Test
    void aForwardedHeaderTheProxyPassesThroughCannotChooseTheKey() throws Exception {
        start();
        int admitted = 0;
        for (int i = 0; i < ATTEMPTS; i++) {
            String chosen = random.nextInt(256) + "." + random.nextInt(256) + ".0.1";
            admitted += status(PROXY, "Forwarded", "for=" + chosen, "X-Forwarded-For", "198.51.100.7") == 200 ? 1 : 0;
        }
        assertEquals(LIMIT, admitted);
        assertEquals(Set.of("rate_limit:api:ip:198.51.100.7"), buckets());
    }

    @Test
    void aForwardedHeaderNamingAVictimCannotLockTheVictimOut() throws Exception {
        start();
        for (int i = 0; i < ATTEMPTS; i++) {
            status(PROXY, "Forwarded", "for=203.0.113.66", "X-Forwarded-For", "198.51.100.7");
        }
        assertEquals(200, status(PROXY, "X-Forwarded-For", "203.0.113.66"));
    }

    @Test
    void withForwardedChosenXForwardedForIsIgnoredEntirely() throws Exception {
        start("limiter.web.forwarded-header", "Forwarded");
        int admitted = 0;
        for (int i = 0; i < ATTEMPTS; i++) {
            String chosen = random.nextInt(256) + "." + random.nextInt(256) + ".0.1";
            admitted += status(PROXY, "X-Forwarded-For", chosen, "Forwarded", "for=198.51.100.7") == 200 ? 1 : 0;
        }
        assertEquals(LIMIT, admitted);
        assertEquals(Set.of("rate_limit:api:ip:198.51.100.7"), buckets());
    }

    @Test
    void aSingleAddressHeaderIsReadFromTrustedPeersOnly() throws Exception {
        start("limiter.web.forwarded-header", "X-Real-IP");
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(200, status(PROXY, "X-Real-IP", "198.51.100.7", "X-Forwarded-For", "6.6.6." + i));
        }
        assertEquals(429, status(PROXY, "X-Real-IP", "198.51.100.7"));
        assertEquals(200, status("203.0.113.9", "X-Real-IP", "198.51.100.7"), "an untrusted peer is itself");
        assertEquals(Set.of("rate_limit:api:ip:198.51.100.7", "rate_limit:api:ip:203.0.113.9"), buckets());
    }

    @Test
    void aOneMebibyteForwardedForStillKeysTheClientByTheHopItsProxyAppended() throws Exception {
        start();
        String huge = "6.6.6.6, ".repeat(1024 * 1024 / 9);
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(200, status(PROXY, "X-Forwarded-For", huge + "198.51.100.7"));
        }
        assertEquals(429, status(PROXY, "X-Forwarded-For", huge + "198.51.100.7"));
        assertEquals(200, status(PROXY, "X-Forwarded-For", huge + "198.51.100.8"), "not one bucket for the proxy");
        assertEquals(Set.of("rate_limit:api:ip:198.51.100.7", "rate_limit:api:ip:198.51.100.8"), buckets());
    }

    @Test
    void overLongApiKeysFallBackToTheAddressInsteadOfEachBeingABucket() throws Exception {
        start("limiter.web.rules.api.key", "header:X-Api-Key");
        int admitted = 0;
        for (int i = 0; i < ATTEMPTS; i++) {
            String longValue = Integer.toString(i) + "k".repeat(1024);
            admitted += status(PROXY, "X-Forwarded-For", "198.51.100.7", "X-Api-Key", longValue) == 200 ? 1 : 0;
        }
        assertEquals(LIMIT, admitted);
        assertEquals(429, status(PROXY, "X-Forwarded-For", "198.51.100.7", "X-Api-Key", "k".repeat(1 << 20)));
        assertEquals(Set.of("rate_limit:api:ip:198.51.100.7"), buckets());
    }

    @Test
    void rotatingSlash64sOfOne6to4PrefixSharesTheBucketOfItsIpv4Host() throws Exception {
        start();
        int admitted = 0;
        for (int i = 0; i < ATTEMPTS; i++) {
            admitted += status(PROXY, "X-Forwarded-For", "2002:cb00:7107:" + group() + "::1") == 200 ? 1 : 0;
        }
        assertEquals(LIMIT, admitted);
        assertEquals(429, status("64:ff9b::203.0.113.7"), "its NAT64 form is the same IPv4 host");
        assertEquals(Set.of("rate_limit:api:ip:203.0.113.7"), buckets());
    }

    @Test
    void aLinkLocalPeerWithAZoneIsKeyedByItsSlash64() throws Exception {
        start();
        int admitted = 0;
        for (int i = 0; i < ATTEMPTS; i++) {
            admitted += status("fe80:0:0:0:" + group() + ":" + group() + ":" + group() + ":" + group() + "%4") == 200 ? 1 : 0;
        }
        assertEquals(LIMIT, admitted);
        assertEquals(Set.of("rate_limit:api:ip:fe80::/64"), buckets());
    }
}
