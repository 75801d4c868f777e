package io.jakartaredis.limiter.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpPrefixesTest {

    private static String network(IpPrefixes prefixes, String address) {
        return prefixes.network(IpAddress.parse(address).orElseThrow());
    }

    @ParameterizedTest(name = "{0} /{1} /{2} -> {3}")
    @CsvSource({
        "203.0.113.7, 32, 64, 203.0.113.7",
        "203.0.113.7, 24, 64, 203.0.113.0/24",
        "203.0.113.7, 1, 64, 128.0.0.0/1",
        "::ffff:203.0.113.7, 32, 64, 203.0.113.7",
        "::ffff:203.0.113.7, 24, 48, 203.0.113.0/24",
        "2001:DB8:7:9:aaaa:bbbb:cccc:dddd, 32, 64, 2001:db8:7:9::/64",
        "2001:db8:7:9::1, 32, 56, 2001:db8:7::/56",
        "2001:db8:7:9::1, 32, 48, 2001:db8:7::/48",
        "2001:db8:7:9::1, 32, 128, 2001:db8:7:9::1",
        "2001:db8:7:9:1:2:3:4, 32, 96, 2001:db8:7:9:1:2::/96",
        "2001:db8:7:9:1:2:3:4, 32, 65, 2001:db8:7:9::/65",
        "2001:db8:7:9:8000::1, 32, 65, 2001:db8:7:9:8000::/65",
        "::1, 32, 64, ::/64"})
    void keysTheMaskedNetworkInOneNormalizedForm(String address, int ipv4, int ipv6, String network) {
        assertEquals(network, network(new IpPrefixes(ipv4, ipv6), address));
    }

    @Test
    void everyAddressOfASlash64IsOneNetworkAndTheNextSlash64IsAnother() {
        Random random = new Random(64);
        Set<String> networks = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long interfaceId = random.nextLong();
            String address = "2001:db8:7:9:" + Long.toHexString(interfaceId >>> 48) + ":" + Long.toHexString(interfaceId >>> 32 & 0xffff)
                    + ":" + Long.toHexString(interfaceId >>> 16 & 0xffff) + ":" + Long.toHexString(interfaceId & 0xffff);
            networks.add(network(IpPrefixes.DEFAULT, address));
        }
        assertEquals(Set.of("2001:db8:7:9::/64"), networks);
        assertNotEquals(network(IpPrefixes.DEFAULT, "2001:db8:7:9::1"), network(IpPrefixes.DEFAULT, "2001:db8:7:a::1"));
    }

    @ParameterizedTest(name = "ipv4 {0}, ipv6 {1}")
    @CsvSource({"0, 64", "33, 64", "32, 0", "32, 129", "-1, 64"})
    void refusesLengthsOutsideTheFamily(int ipv4, int ipv6) {
        assertThrows(IllegalArgumentException.class, () -> new IpPrefixes(ipv4, ipv6));
    }

    /** Each IPv6 form that carries an IPv4 host is keyed as that host, under the IPv4 prefix. */
    @ParameterizedTest(name = "{0} /{1} -> {2}")
    @CsvSource({
        "64:ff9b::203.0.113.7, 32, 203.0.113.7",
        "64:ff9b::cb00:7107, 24, 203.0.113.0/24",
        "::203.0.113.7, 32, 203.0.113.7",
        "::0.0.0.2, 32, 0.0.0.2",
        "::ffff:0:203.0.113.7, 32, 203.0.113.7",
        "2002:cb00:7107::, 32, 203.0.113.7",
        "2002:cb00:7107:ffff:1:2:3:4, 32, 203.0.113.7",
        "2002:cb00:7107:1::1, 16, 203.0.0.0/16"})
    void keysAnEmbeddedIpv4AddressAsIpv4(String address, int ipv4, String network) {
        assertEquals(network, network(new IpPrefixes(ipv4, 64), address));
    }

    @Test
    void everyNat64ClientIsItsOwnIpv4HostAndEvery6to4SubnetOfOneHostIsOneKey() {
        assertNotEquals(network(IpPrefixes.DEFAULT, "64:ff9b::203.0.113.7"), network(IpPrefixes.DEFAULT, "64:ff9b::203.0.113.8"));
        Set<String> networks = new HashSet<>();
        for (int subnet = 0; subnet < 65_536; subnet += 257) {
            networks.add(network(IpPrefixes.DEFAULT, "2002:cb00:7107:" + Integer.toHexString(subnet) + "::1"));
        }
        assertEquals(Set.of("203.0.113.7"), networks);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "::, ::/64",
        "::1, ::/64",
        "64:ff9b:1::203.0.113.7, 64:ff9b:1::/64",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2, 2001:0:4136:e378::/64",
        "::ffff:1:203.0.113.7, ::/64",
        "2003:cb00:7107::, 2003:cb00:7107::/64"})
    void keepsOtherIpv6AddressesAsIpv6(String address, String network) {
        assertEquals(network, network(IpPrefixes.DEFAULT, address));
    }
}
