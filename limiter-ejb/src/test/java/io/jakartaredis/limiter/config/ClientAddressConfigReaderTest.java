package io.jakartaredis.limiter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.keys.ClientAddressConfig;
import io.jakartaredis.limiter.keys.ForwardingHeader;
import io.jakartaredis.limiter.keys.IpPrefixes;
import io.jakartaredis.limiter.keys.TrustedProxies;

class ClientAddressConfigReaderTest {

    private static ClientAddressConfig read(String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return ClientAddressConfigReader.read(ConfigValues.of(values));
    }

    @Test
    void defaultsMatchTheDocumentation() {
        assertEquals(new ClientAddressConfig(TrustedProxies.none(), ForwardingHeader.parse("X-Forwarded-For"),
                new IpPrefixes(32, 64)), read());
    }

    @Test
    void readsEverySetting() {
        ClientAddressConfig config = read("limiter.web.trusted-proxies", "10.0.0.0/8", "limiter.web.ipv4-prefix", " 24 ",
                "limiter.web.ipv6-prefix", "56");
        assertEquals("10.0.0.0/8", config.trustedProxies().toString());
        assertEquals(new IpPrefixes(24, 56), config.prefixes());
        assertEquals("trusted proxies 10.0.0.0/8 by X-Forwarded-For; keyed by ipv4 /24, ipv6 /56", config.toString());
    }

    @Test
    void readsTheForwardingHeader() {
        assertEquals("Forwarded", read("limiter.web.forwarded-header", "Forwarded").header().name());
        assertEquals("X-Real-IP", read("limiter.web.forwarded-header", " X-Real-IP ").header().name());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "limiter.web.ipv6-prefix | 0 | expected a prefix length from 1 to 128",
        "limiter.web.ipv6-prefix | 129 | expected a prefix length from 1 to 128",
        "limiter.web.ipv6-prefix | /64 | expected a prefix length from 1 to 128",
        "limiter.web.ipv6-prefix | 64.0 | expected a prefix length from 1 to 128",
        "limiter.web.ipv6-prefix | sixty-four | expected a prefix length from 1 to 128",
        "limiter.web.ipv6-prefix | 99999999999 | expected a prefix length from 1 to 128",
        "limiter.web.forwarded-header | X-Forwarded-For, Forwarded | expected X-Forwarded-For, Forwarded, or the name of a header that carries one address, such as X-Real-IP",
        "limiter.web.forwarded-header | X Real IP | expected X-Forwarded-For, Forwarded, or the name of a header that carries one address, such as X-Real-IP",
        "limiter.web.forwarded-header | X-Real-IP: | expected X-Forwarded-For, Forwarded, or the name of a header that carries one address, such as X-Real-IP",
        "limiter.web.ipv4-prefix | 0 | expected a prefix length from 1 to 32",
        "limiter.web.ipv4-prefix | 33 | expected a prefix length from 1 to 32",
        "limiter.web.ipv4-prefix | -8 | expected a prefix length from 1 to 32",
        "limiter.web.trusted-proxies | 10.0.0.0/33 | \"10.0.0.0/33\": the prefix length must be 0 to 32 for this address; expected a comma list of IP addresses or CIDR blocks such as 10.0.0.0/8, 192.168.1.7, ::1/128, fd00::/8"})
    void refusesInvalidValuesNamingPropertyValueAndRule(String property, String value, String rule) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> read(property, value));
        assertEquals(property + ": \"" + value + "\" is invalid: " + rule, e.getMessage());
        assertEquals(property, e.property());
    }

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @BeforeEach
    void forgetEarlierWarnings() {
        ClientAddressConfigReader.forgetWarnings();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X-Fowarded-For", "X-Forwarded-Fro", "Forwared", "Forwarded-For", "X-Forwarded", "x-forwarded-host", "X-FORWARD"})
    void aHeaderNamedLikeAForwardingListButReadAsOneAddressIsWarnedOf(String name) {
        read("limiter.web.trusted-proxies", "10.0.0.0/8", "limiter.web.forwarded-header", name);
        List<String> warnings = log.at(Level.WARNING);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("limiter.web.forwarded-header") && warnings.get(0).contains(name), warnings.get(0));
        assertTrue(warnings.get(0).contains("X-Forwarded-For or Forwarded"), warnings.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X-Forwarded-For", "x-forwarded-for", "Forwarded", "FORWARDED", "X-Real-IP", "CF-Connecting-IP"})
    void aListHeaderOrAnUnrelatedSingleAddressHeaderIsNotWarnedOf(String name) {
        read("limiter.web.trusted-proxies", "10.0.0.0/8", "limiter.web.forwarded-header", name);
        assertEquals(List.of(), log.at(Level.WARNING));
    }

    @Test
    void aForwardedHeaderWithoutTrustedProxiesIsWarnedOfAsInert() {
        read("limiter.web.forwarded-header", "X-Real-IP");
        List<String> warnings = log.at(Level.WARNING);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("limiter.web.forwarded-header") && warnings.get(0).contains("limiter.web.trusted-proxies"),
                warnings.get(0));
    }

    /** The prefixes apply to the socket peer too, so they are not inert without proxies. */
    @Test
    void prefixesWithoutTrustedProxiesAreNotWarnedOf() {
        read("limiter.web.ipv4-prefix", "24", "limiter.web.ipv6-prefix", "56");
        assertEquals(List.of(), log.at(Level.WARNING));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0.0/0", "10.0.0.0/8, ::/0", "::ffff:0:0/96"})
    void aTrustedBlockOfEveryAddressIsWarnedOf(String proxies) {
        read("limiter.web.trusted-proxies", proxies);
        List<String> warnings = log.at(Level.WARNING);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("limiter.web.trusted-proxies") && warnings.get(0).contains(proxies), warnings.get(0));
    }

    /** The filter and the interceptor both read the settings; the operator reads each warning once. */
    @Test
    void eachWarningIsLoggedOncePerDeployment() {
        read("limiter.web.trusted-proxies", "0.0.0.0/0", "limiter.web.forwarded-header", "X-Fowarded-For");
        read("limiter.web.trusted-proxies", "0.0.0.0/0", "limiter.web.forwarded-header", "X-Fowarded-For");
        assertEquals(2, log.at(Level.WARNING).size(), () -> log.at(Level.WARNING).toString());
    }
}
