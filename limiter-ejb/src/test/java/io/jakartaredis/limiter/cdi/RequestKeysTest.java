package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.ClientAddressConfigReader;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.keys.ClientAddressResolver;
import io.jakartaredis.limiter.keys.KeyStrategy;

/** The interceptor's keys: the {@code ip} strategy and every fallback to the address key the client's network. */
class RequestKeysTest {

    private static final Principal ANONYMOUS = () -> "ANONYMOUS";

    private static RequestKeys keys(String... properties) {
        Map<String, String> values = new TreeMap<>(Map.of("limiter.web.trusted-proxies", "10.0.0.0/8"));
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return new RequestKeys(new ClientAddressResolver(ClientAddressConfigReader.read(ConfigValues.of(values))));
    }

    /** A request from {@code peer} with header lines as name, value, name, value, … */
    private static HttpServletRequest request(String peer, String... headers) {
        Map<String, List<String>> lines = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            lines.put(headers[i], List.of(headers[i + 1]));
        }
        return (HttpServletRequest) Proxy.newProxyInstance(RequestKeysTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, call, args) -> switch (call.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeader" -> lines.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(lines.getOrDefault((String) args[0], List.of()));
                    default -> throw new UnsupportedOperationException(call.getName());
                });
    }

    @Test
    void everyStrategyThatFallsBackToTheAddressKeysTheSameNetwork() {
        RequestKeys keys = keys();
        HttpServletRequest request = request("10.0.0.1", "X-Forwarded-For", "2001:db8:7:9:aaaa:bbbb:cccc:dddd");
        assertEquals("ip:2001:db8:7:9::/64", keys.key(new KeyStrategy.Ip(), request, null));
        assertEquals("ip:2001:db8:7:9::/64", keys.key(new KeyStrategy.Principal(), request, ANONYMOUS));
        assertEquals("ip:2001:db8:7:9::/64", keys.key(new KeyStrategy.Header("X-Api-Key"), request, null));
        assertEquals("ip:2001:db8:7:9::/64", keys.key(new KeyStrategy.Ip(), request("2001:db8:7:9::1"), null));
    }

    @Test
    void theConfiguredPrefixesApplyToTheInterceptorToo() {
        RequestKeys keys = keys("limiter.web.ipv4-prefix", "24", "limiter.web.ipv6-prefix", "48");
        assertEquals("ip:2001:db8:7::/48", keys.key(new KeyStrategy.Ip(), request("2001:db8:7:9::1"), null));
        assertEquals("ip:198.51.100.0/24", keys.key(new KeyStrategy.Principal(), request("::ffff:198.51.100.7"), null));
    }

    @Test
    void anIpv4MappedPeerIsKeyedAsIpv4() {
        assertEquals("ip:198.51.100.7", keys().key(new KeyStrategy.Ip(), request("::ffff:198.51.100.7"), null));
    }

    @Test
    void aHeaderValueLongerThanTheBoundCountsAsAbsentAndFallsBackToTheAddress() {
        KeyStrategy apiKey = new KeyStrategy.Header("X-Api-Key");
        String bounded = "k".repeat(RequestKeys.MAX_HEADER_VALUE_LENGTH);
        assertEquals("hdr:" + bounded, keys().key(apiKey, request("203.0.113.7", "X-Api-Key", bounded), null));
        assertEquals("ip:203.0.113.7", keys().key(apiKey, request("203.0.113.7", "X-Api-Key", bounded + "k"), null));
        assertEquals("ip:203.0.113.7", keys().key(apiKey, request("203.0.113.7", "X-Api-Key", "k".repeat(1 << 20)), null));
    }
}
