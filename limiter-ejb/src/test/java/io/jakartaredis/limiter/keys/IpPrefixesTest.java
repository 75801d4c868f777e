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
}
