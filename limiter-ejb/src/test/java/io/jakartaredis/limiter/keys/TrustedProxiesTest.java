package io.jakartaredis.limiter.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, ::1/128, fd00::/8");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "10.1.2.3, true", "9.255.255.255, false", "192.168.1.7, true", "192.168.1.8, false",
        "::1, true", "::2, false", "fd12:3456::1, true", "fe80::1, false",
        "::ffff:10.0.0.1, true", "::ffff:192.168.1.7, true", "::ffff:11.0.0.1, false"})
    void trustsExactlyTheConfiguredBlocks(String address, boolean trusted) throws UnknownHostException {
        assertEquals(trusted, PROXIES.trusts(InetAddress.getByName(address)));
        assertEquals(trusted, PROXIES.trusts(IpAddress.parse(address).orElseThrow()));
    }

    @Test
    void anIpv4MappedBlockMatchesIpv4Addresses() throws UnknownHostException {
        TrustedProxies mapped = TrustedProxies.parse("::ffff:10.0.0.0/104");
        assertTrue(mapped.trusts(InetAddress.getByName("10.9.8.7")));
        assertFalse(mapped.trusts(InetAddress.getByName("11.0.0.1")));
        assertEquals("10.0.0.0/8", mapped.toString());
    }

    @Test
    void noneAndBlankTrustNobody() throws UnknownHostException {
        for (TrustedProxies nobody : new TrustedProxies[] {TrustedProxies.none(), TrustedProxies.parse(" "),
            TrustedProxies.parse(null)}) {
            assertTrue(nobody.isEmpty());
            assertFalse(nobody.trusts(InetAddress.getByName("127.0.0.1")));
            assertFalse(nobody.trusts((InetAddress) null));
            assertEquals("none", nobody.toString());
        }
    }

    @Test
    void printsTheBlocksForLogs() {
        assertEquals("10.0.0.0/8, 192.168.1.7, ::1, fd00::/8", PROXIES.toString());
        assertEquals("0.0.0.0/0, ::/0", TrustedProxies.parse("0.0.0.0/0,::/0").toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "proxy.internal | \"proxy.internal\": not an IPv4 or IPv6 address",
        "10.0.0.0/8, localhost | \"localhost\": not an IPv4 or IPv6 address",
        "10.0.0.0/33 | \"10.0.0.0/33\": the prefix length must be 0 to 32 for this address",
        "fd00::/129 | \"fd00::/129\": the prefix length must be 0 to 128 for this address",
        "10.0.0.0/-1 | \"10.0.0.0/-1\": the prefix length must be 0 to 32 for this address",
        "10.0.0.0/ | \"10.0.0.0/\": the prefix length must be 0 to 32 for this address",
        "10.0.0.0/8/8 | \"10.0.0.0/8/8\": the prefix length must be 0 to 32 for this address",
        "10.1.0.0/8 | \"10.1.0.0/8\": bits are set after the prefix; did you mean 10.0.0.0/8?",
        "fd00::1/8 | \"fd00::1/8\": bits are set after the prefix; did you mean fd00::/8?",
        "10.0.0.0/8,,::1 | \"\": not an IPv4 or IPv6 address",
        "10.0.0.0/8, | \"\": not an IPv4 or IPv6 address",
        "010.0.0.1 | \"010.0.0.1\": not an IPv4 or IPv6 address",
        "[::1] | \"[::1]\": not an IPv4 or IPv6 address"})
    void refusesBadEntriesNamingTheEntryAndTheRule(String list, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(list));
        assertEquals(reason + "; expected a comma list of IP addresses or CIDR blocks such as "
                + "10.0.0.0/8, 192.168.1.7, ::1/128, fd00::/8", e.getMessage());
    }

    /**
     * Only the mapped form is the IPv4 host itself; a NAT64, compatible, SIIT or 6to4 address is
     * another host, so an IPv4 block never trusts it, nor an IPv6 block its IPv4 host.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"64:ff9b::10.0.0.1", "::10.0.0.1", "::ffff:0:10.0.0.1", "2002:a00:1::1"})
    void anIpv4BlockDoesNotTrustOtherEmbeddingsOfItsAddresses(String embedding) {
        assertFalse(TrustedProxies.parse("10.0.0.0/8").trusts(IpAddress.parse(embedding).orElseThrow()));
        assertTrue(TrustedProxies.parse(embedding).trusts(IpAddress.parse(embedding).orElseThrow()));
        assertFalse(TrustedProxies.parse(embedding).trusts(IpAddress.parse("10.0.0.1").orElseThrow()));
    }
}
