package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Generated hostile input through the filter (client address, forwarding chains, key headers,
 * principal names) and through custom keys, against a real Redis: never a server error, never an
 * unbounded key, never a key that an untrusted client chose.
 */
class HostileInputFuzzTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int VALUES = 12_000;
    private static final String UNTRUSTED_PEER = "203.0.113.9";
    private static final String TRUSTED_PROXY = "10.0.0.1";
    private static final int MAX_KEY_LENGTH = "rate_limit:by-header:".length() + "hdr:".length() + 128;

    private static RedisRateLimiter limiter;
    private static RateLimitFilter filter;

    @BeforeAll
    static void start() {
        Map<String, String> values = new HashMap<>();
        values.put("limiter.redis.url", REDIS.server().url());
        values.put("limiter.redis.timeout", "2s");
        for (String policy : List.of("by-ip", "by-header", "by-user", "custom")) {
            values.put("limiter.policy." + policy + ".limits", "1000000/1h");
        }
        values.put("limiter.web.rules.a-ip.pattern", "/*");
        values.put("limiter.web.rules.a-ip.policy", "by-ip");
        values.put("limiter.web.rules.b-header.pattern", "/*");
        values.put("limiter.web.rules.b-header.policy", "by-header");
        values.put("limiter.web.rules.b-header.key", "header:X-Api-Key");
        values.put("limiter.web.rules.c-user.pattern", "/*");
        values.put("limiter.web.rules.c-user.policy", "by-user");
        values.put("limiter.web.rules.c-user.key", "principal");
        values.put("limiter.web.trusted-proxies", "10.0.0.0/8");
        ConfigValues config = ConfigValues.of(values);
        limiter = RedisRateLimiter.connect(LimiterConfigReader.read(config));
        filter = new RateLimitFilter(WebConfigReader.read(config, limiter::policy), limiter);
    }

    @AfterAll
    static void stop() {
        limiter.close();
    }

    @Test
    void hostileRequestsNeverFailAndNeverChooseTheirKey() throws Exception {
        Random random = new Random(20261128);
        List<String> hostile = HostileValues.generate(random, VALUES);
        for (int i = 0; i < hostile.size(); i++) {
            String value = hostile.get(i);
            boolean viaProxy = i % 2 == 1;
            Principal principal = i % 3 == 0 ? () -> value : null;
            var request = ServletFakes.request("GET", "/api", null, viaProxy ? TRUSTED_PROXY : UNTRUSTED_PEER, principal,
                    "X-Forwarded-For", value, "Forwarded", "for=" + value, "X-Api-Key", value);
            var captured = new ServletFakes.Captured();
            filter.doFilter(request, captured.response(), new ServletFakes.Chain().chain());
            assertEquals(200, captured.status, "value #" + i);
            captured.headers.forEach((name, field) ->
                    assertTrue(field.chars().allMatch(c -> c >= 0x20 && c < 0x7f), name + ": " + field));
            limiter.tryAcquire("custom", value);
        }

        Set<String> keys = allKeys();
        assertTrue(keys.size() <= 4L * VALUES, "at most one bucket per value and strategy: " + keys.size());
        for (String key : keys) {
            assertTrue(key.length() <= MAX_KEY_LENGTH, "bounded key: " + key.length());
            assertTrue(key.chars().allMatch(c -> c > 0x20 && c < 0x7f), "printable key: " + key);
        }
        List<String> untrustedIpKeys = keys.stream().filter(k -> k.startsWith("rate_limit:by-ip:ip:")).toList();
        assertTrue(untrustedIpKeys.contains("rate_limit:by-ip:ip:" + UNTRUSTED_PEER));
        for (String key : untrustedIpKeys) {
            String address = key.substring("rate_limit:by-ip:ip:".length());
            assertTrue(address.matches("[0-9a-f.:]+(/64)?"), "only normalized networks become keys: " + key);
        }
    }

    /**
     * A client behind a trusted proxy, or a direct one, sends hostile {@code Forwarded},
     * {@code X-Forwarded-For} and {@code X-Real-IP} lines; a trusted proxy appends the client's
     * real address (IPv4, or a rotated IPv6 address) to the configured header only, as nginx or
     * an ALB do. Under every choice of header the key is the real client's network, never an
     * address the client wrote.
     */
    @Test
    void forwardingHeaderCombinationsNeverLetAClientChooseItsKey() throws Exception {
        Random random = new Random(20261202);
        List<String> hostile = HostileValues.generate(random, 3000);
        for (String chosen : List.of("X-Forwarded-For", "Forwarded", "X-Real-IP")) {
            KeyRecorder recorder = new KeyRecorder(limiter);
            Map<String, String> values = new HashMap<>(Map.of("limiter.web.rules.a-ip.pattern", "/*",
                    "limiter.web.rules.a-ip.policy", "by-ip", "limiter.web.trusted-proxies", "10.0.0.0/8",
                    "limiter.web.forwarded-header", chosen));
            RateLimitFilter byHeader = new RateLimitFilter(WebConfigReader.read(ConfigValues.of(values), limiter::policy), recorder);
            for (int i = 0; i < hostile.size(); i++) {
                boolean viaProxy = random.nextBoolean();
                boolean ipv6 = random.nextBoolean();
                String suffix = Integer.toHexString(random.nextInt(0x10000));
                String real = ipv6 ? "2001:db8:" + Integer.toHexString(i) + ":9:" + suffix + "::" + suffix
                        : (11 + random.nextInt(180)) + "." + random.nextInt(256) + ".7." + random.nextInt(256);
                List<String> headers = new ArrayList<>(List.of("Forwarded", "for=" + hostile.get(i), "X-Forwarded-For",
                        hostile.get(i), "X-Real-IP", hostile.get(i)));
                if (viaProxy) {
                    headers.addAll(List.of(chosen, appended(chosen, real)));
                }
                var request = ServletFakes.request("GET", "/api", null, viaProxy ? TRUSTED_PROXY : UNTRUSTED_PEER, null,
                        headers.toArray(String[]::new));
                var captured = new ServletFakes.Captured();
                byHeader.doFilter(request, captured.response(), new ServletFakes.Chain().chain());
                String expected = !viaProxy ? UNTRUSTED_PEER : ipv6 ? "2001:db8:" + Integer.toHexString(i) + ":9::/64" : real;
                assertEquals(200, captured.status, chosen + " #" + i);
                assertEquals("ip:" + expected, recorder.lastKey, chosen + " #" + i + ": " + headers);
            }
        }
    }

    /** The line a proxy adds for the client: its own element, on a line of its own. */
    private static String appended(String header, String client) {
        String node = client.indexOf(':') >= 0 ? "[" + client + "]" : client;
        return header.equals("Forwarded") ? "for=\"" + node + "\";proto=https" : node;
    }

    /** The real limiter, remembering the last key it was asked for. */
    private static final class KeyRecorder implements io.jakartaredis.limiter.RateLimiter {
        private final io.jakartaredis.limiter.RateLimiter limiter;
        private String lastKey;

        KeyRecorder(io.jakartaredis.limiter.RateLimiter limiter) {
            this.limiter = limiter;
        }

        @Override
        public io.jakartaredis.limiter.Decision tryAcquire(String policy, String tier, String clientKey, int cost) {
            lastKey = clientKey;
            return limiter.tryAcquire(policy, tier, clientKey, cost);
        }

        @Override
        public io.jakartaredis.limiter.Decision peek(String policy, String tier, String clientKey, int cost) {
            return limiter.peek(policy, tier, clientKey, cost);
        }

        @Override
        public void refund(String policy, String tier, String clientKey, int cost) {
            limiter.refund(policy, tier, clientKey, cost);
        }

        @Override
        public void release(io.jakartaredis.limiter.Decision decision) {
            limiter.release(decision);
        }

        @Override
        public io.jakartaredis.limiter.Decision acquire(String policy, String tier, String clientKey, int cost,
                                                        java.time.Duration maxWait) {
            return limiter.acquire(policy, tier, clientKey, cost, maxWait);
        }

        @Override
        public io.jakartaredis.limiter.config.PolicyConfig policy(String name) {
            return limiter.policy(name);
        }
    }

    private static Set<String> allKeys() {
        Set<String> keys = new java.util.HashSet<>();
        try (Jedis jedis = REDIS.server().admin()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(1000));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return keys;
    }

    /** Garbage, huge values, CRLF and NUL, unicode, IPv6 forms and spoofed forwarding chains. */
    static final class HostileValues {

        private static final String[] FRAGMENTS = {"\r\n", "\n", "\0", "\t", " ", ",", ";", "=", "\"", "[", "]", ":",
            "unknown", "_hidden", "for=", "::1", "::ffff:10.0.0.1", "2001:db8::1", "[2001:db8::1]:80", "10.0.0.5",
            "127.0.0.1", "203.0.113.9", "999.999.1.1", "1.2.3", "fe80::1%eth0", "{tag}", "#hash", "\u00e9", "\uD83D\uDE00",
            "\uD800", "\u202E", "\uFEFF", "%0d%0a", "rate_limit:*", "*", "$", "\\"};

        private HostileValues() {
        }

        static List<String> generate(Random random, int count) {
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(switch (i % 5) {
                    case 0 -> fragments(random, 1 + random.nextInt(8));
                    case 1 -> chain(random);
                    case 2 -> randomChars(random, random.nextInt(64));
                    case 3 -> "x".repeat(random.nextInt(20_000));
                    default -> fragments(random, 1 + random.nextInt(3)) + randomChars(random, 4);
                });
            }
            return values;
        }

        private static String fragments(Random random, int n) {
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < n; i++) {
                value.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            return value.toString();
        }

        /** A forwarding chain mixing real addresses with spoofed and broken entries. */
        private static String chain(Random random) {
            StringBuilder chain = new StringBuilder();
            int hops = 1 + random.nextInt(80);
            for (int i = 0; i < hops; i++) {
                chain.append(i == 0 ? "" : ", ").append(random.nextInt(4) == 0
                        ? FRAGMENTS[random.nextInt(FRAGMENTS.length)]
                        : random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
            }
            return chain.toString();
        }

        private static String randomChars(Random random, int n) {
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < n; i++) {
                value.append((char) random.nextInt(0x10000));
            }
            return value.toString();
        }
    }
}
