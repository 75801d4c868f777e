package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.keys.KeyStrategy;

class WebConfigReaderTest {

    private static final FakeRateLimiter LIMITER = new FakeRateLimiter("api", "10/1s, 1000/1h", "login", "5/1m");

    private static WebConfig read(String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return WebConfigReader.read(ConfigValues.of(values), LIMITER::policy);
    }

    @Test
    void readsEveryAttributeOfARule() {
        WebRule rule = read("limiter.web.rules.keys.pattern", " /api/* ", "limiter.web.rules.keys.policy", "api",
                "limiter.web.rules.keys.methods", "get, Post", "limiter.web.rules.keys.key", "header:X-Api-Key",
                "limiter.web.rules.keys.cost", "2").rules().get(0);
        assertEquals(new WebRule("keys", UrlPattern.parse("/api/*"), LIMITER.policy("api"), Set.of("GET", "POST"),
                new KeyStrategy.Header("X-Api-Key"), 2), rule);
        assertEquals("keys (GET,POST /api/* -> api, key header:X-Api-Key, cost 2)", rule.toString());
    }

    @Test
    void readsTheRefundStatusesOfARule() {
        WebRule rule = read("limiter.web.rules.r.pattern", "/api/*", "limiter.web.rules.r.policy", "api",
                "limiter.web.rules.r.refund-status", "304, 5XX").rules().get(0);
        assertEquals(RefundStatuses.parse("5xx,304"), rule.refundStatus());
        assertEquals("r (/api/* -> api, key ip, cost 1, refund 5xx, 304)", rule.toString());
    }

    @Test
    void defaultsMatchTheDocumentation() {
        WebConfig config = read("limiter.web.rules.r.pattern", "/login", "limiter.web.rules.r.policy", "login");
        WebRule rule = config.rules().get(0);
        assertEquals(Set.of(), rule.methods());
        assertEquals(new KeyStrategy.Ip(), rule.key());
        assertEquals(1, rule.cost());
        assertEquals(RefundStatuses.NONE, rule.refundStatus());
        assertTrue(config.clientAddresses().trustedProxies().isEmpty());
        assertFalse(config.legacyHeaders());
        assertEquals(List.of(), read().rules());
    }

    @Test
    void ordersRulesByName() {
        WebConfig config = read("limiter.web.rules.b.pattern", "/b", "limiter.web.rules.b.policy", "api",
                "limiter.web.rules.a.pattern", "/a", "limiter.web.rules.a.policy", "login",
                "limiter.web.trusted-proxies", "10.0.0.0/8", "limiter.web.legacy-headers", "TRUE");
        assertEquals(List.of("a", "b"), config.rules().stream().map(WebRule::name).toList());
        assertEquals("10.0.0.0/8", config.clientAddresses().trustedProxies().toString());
        assertTrue(config.legacyHeaders());
    }

    @Test
    void selectsRulesByMethodAndPath() {
        WebRule postOnly = read("limiter.web.rules.r.pattern", "/login", "limiter.web.rules.r.policy", "login",
                "limiter.web.rules.r.methods", "POST").rules().get(0);
        assertTrue(postOnly.matches("POST", "/login"));
        assertFalse(postOnly.matches("GET", "/login"));
        assertFalse(postOnly.matches("post", "/login"));
        assertFalse(postOnly.matches("POST", "/logout"));
        WebRule every = read("limiter.web.rules.r.pattern", "/login", "limiter.web.rules.r.policy", "login").rules().get(0);
        assertTrue(every.matches("GET", "/login") && every.matches("PATCH", "/login") && every.matches("FOO", "/login"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "pattern | api/* | limiter.web.rules.r.pattern: \"api/*\" is invalid: expected a servlet URL pattern: /exact/path, /prefix/*, *.extension, or / for every request",
        "policy | nope | limiter.web.rules.r.policy: \"nope\" is invalid: unknown policy 'nope'",
        "methods | GET,,POST | limiter.web.rules.r.methods: \"GET,,POST\" is invalid: expected a comma list of HTTP methods such as GET, POST",
        "methods | GET POST | limiter.web.rules.r.methods: \"GET POST\" is invalid: expected a comma list of HTTP methods such as GET, POST",
        "key | cookie:x | limiter.web.rules.r.key: \"cookie:x\" is invalid: expected ip, principal, global or header:<Name>",
        "cost | 0 | limiter.web.rules.r.cost: \"0\" is invalid: expected a whole number of at least 1",
        "cost | -1 | limiter.web.rules.r.cost: \"-1\" is invalid: expected a whole number of at least 1",
        "cost | 1.5 | limiter.web.rules.r.cost: \"1.5\" is invalid: expected a whole number of at least 1",
        "cost | 99999999999 | limiter.web.rules.r.cost: \"99999999999\" is invalid: expected a whole number of at least 1",
        "cost | 11 | limiter.web.rules.r.cost: \"11\" is invalid: a cost above 10, the smallest capacity of policy api=10/1s, 1000/1h, could never pass",
        "refund-status | 600 | limiter.web.rules.r.refund-status: \"600\" is invalid: expected a comma list of status codes from 100 to 599 and classes 1xx to 5xx, such as 5xx, 304",
        "refund-status | 5xx;304 | limiter.web.rules.r.refund-status: \"5xx;304\" is invalid: expected a comma list of status codes from 100 to 599 and classes 1xx to 5xx, such as 5xx, 304"})
    void refusesInvalidRuleValuesNamingPropertyValueAndRule(String attribute, String value, String message) {
        Map<String, String> values = new HashMap<>(Map.of("limiter.web.rules.r.pattern", "/api/*", "limiter.web.rules.r.policy", "api"));
        values.put("limiter.web.rules.r." + attribute, value);
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> WebConfigReader.read(ConfigValues.of(values), LIMITER::policy));
        assertEquals(message, e.getMessage());
        assertEquals("limiter.web.rules.r." + attribute, e.property());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "limiter.web.rules.r.policy | api | limiter.web.rules.r.pattern: \"\" is invalid: every rule needs a URL pattern such as /api/*",
        "limiter.web.rules.r.pattern | /x | limiter.web.rules.r.policy: \"\" is invalid: every rule needs the name of a policy",
        "limiter.web.rules.r.methodz | GET | limiter.web.rules.r.methodz: \"GET\" is invalid: unknown property; a rule is configured by limiter.web.rules.<rule>.pattern, .policy, .methods, .key, .cost and .refund-status",
        "limiter.web.rules.pattern | /x | limiter.web.rules.pattern: \"/x\" is invalid: unknown property; a rule is configured by limiter.web.rules.<rule>.pattern, .policy, .methods, .key, .cost and .refund-status",
        "limiter.web.rules.a.b.pattern | /x | limiter.web.rules.a.b.pattern: \"/x\" is invalid: the rule name 'a.b' must have 1 to 64 letters, digits, '-' or '_'",
        "limiter.web.trusted-proxies | 10.0.0.0/33 | limiter.web.trusted-proxies: \"10.0.0.0/33\" is invalid: \"10.0.0.0/33\": the prefix length must be 0 to 32 for this address; expected a comma list of IP addresses or CIDR blocks such as 10.0.0.0/8, 192.168.1.7, ::1/128, fd00::/8",
        "limiter.web.ipv6-prefix | 129 | limiter.web.ipv6-prefix: \"129\" is invalid: expected a prefix length from 1 to 128",
        "limiter.web.ipv4-prefix | x | limiter.web.ipv4-prefix: \"x\" is invalid: expected a prefix length from 1 to 32",
        "limiter.web.legacy-headers | yes | limiter.web.legacy-headers: \"yes\" is invalid: expected true or false"})
    void refusesIncompleteRulesAndUnknownProperties(String property, String value, String message) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> read(property, value));
        assertEquals(message, e.getMessage());
    }

    /** The filter and the interceptor's extension read the same settings in one deployment: one warning, not two. */
    @Test
    void aMisspeltForwardingHeaderIsWarnedOfOnceThoughTheFilterAndTheInterceptorBothReadIt() {
        List<java.util.logging.LogRecord> warnings = new java.util.ArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel() == java.util.logging.Level.WARNING && record.getMessage().contains("X-Fowarded-For")) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            String[] properties = {"limiter.web.trusted-proxies", "10.0.0.0/8", "limiter.web.forwarded-header", "X-Fowarded-For",
                "limiter.web.rules.r.pattern", "/login", "limiter.web.rules.r.policy", "login"};
            read(properties);
            io.jakartaredis.limiter.config.ClientAddressConfigReader.read(ConfigValues.of(Map.of(properties[0], properties[1],
                    properties[2], properties[3])));
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(1, warnings.size(), warnings.toString());
    }
}
