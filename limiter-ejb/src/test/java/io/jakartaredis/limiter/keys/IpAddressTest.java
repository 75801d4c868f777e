package io.jakartaredis.limiter.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0.0.0, 0.0.0.0",
        "203.0.113.7, 203.0.113.7",
        "255.255.255.255, 255.255.255.255",
        "::, ::",
        "::1, ::1",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:db8::, 2001:db8::",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "fd00::1.2.3.4, fd00::102:304",
        "::ffff:10.0.0.1, 10.0.0.1",
        "::FFFF:0a00:0001, 10.0.0.1",
        "0:0:0:0:0:ffff:192.0.2.1, 192.0.2.1",
        "::10.0.0.1, ::a00:1",
        "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"})
    void printsLiteralsInTheirCanonicalForm(String literal, String canonical) throws UnknownHostException {
        IpAddress address = IpAddress.parse(literal).orElseThrow();
        assertEquals(canonical, address.toString());
        assertEquals(address, IpAddress.parse(canonical).orElseThrow());
        // the JDK reads these literals without DNS; it must agree on the address
        assertEquals(address, IpAddress.of(InetAddress.getByName(literal)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "1.2.3", "1.2.3.4.5", "1.2.3.256", "010.0.0.1", "1.2.3.04", "+1.2.3.4",
        "1.2.3.4 ", " 1.2.3.4", "1..3.4", "١.٢.٣.٤", "１.２.３.４", "0x7f.0.0.1", "2130706433", "localhost",
        "example.com", ":", ":::", "1:::2", "1::2::3", ":1::", "1::2:", "12345::", "g::1", "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "::1.2.3", "1.2.3.4::", "::1.2.3.4:5", "[::1]", "fe80::1%eth0",
        "::ffff:1.2.3.4.5", "1:2:3:4:5:6:7:1.2.3.4"})
    void refusesAnythingButOneStrictLiteral(String text) {
        assertTrue(IpAddress.parse(text).isEmpty(), text);
    }

    @ParameterizedTest(name = "{0}/{1} contains {2}: {3}")
    @CsvSource({
        "10.0.0.0, 8, 10.255.1.2, true",
        "10.0.0.0, 8, 11.0.0.0, false",
        "0.0.0.0, 0, 203.0.113.7, true",
        "192.168.1.7, 32, 192.168.1.7, true",
        "192.168.1.7, 32, 192.168.1.8, false",
        "fd00::, 8, fdff:1::1, true",
        "fd00::, 8, fe00::1, false",
        "2001:db8::, 64, 2001:db8::ffff:1, true",
        "2001:db8::, 65, 2001:db8:0:0:8000::, false",
        "::1, 128, ::1, true",
        "::, 0, 10.0.0.1, false"})
    void comparesPrefixesWithinOneFamily(String network, int prefix, String address, boolean contained) {
        IpAddress block = IpAddress.parse(network).orElseThrow();
        assertEquals(contained, block.sharesPrefix(IpAddress.parse(address).orElseThrow(), prefix));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "64:ff9b::203.0.113.7, 203.0.113.7",
        "::203.0.113.7, 203.0.113.7",
        "::ffff:0:203.0.113.7, 203.0.113.7",
        "2002:cb00:7107:9::1, 203.0.113.7",
        "::, ''",
        "::1, ''",
        "::ffff:203.0.113.7, ''",
        "203.0.113.7, ''",
        "64:ff9b::1:203.0.113.7, ''",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2, ''"})
    void findsTheIpv4HostOfNat64CompatibleSiitAnd6to4Addresses(String address, String host) {
        assertEquals(host, IpAddress.parse(address).orElseThrow().embeddedIpv4().map(IpAddress::toString).orElse(""));
    }
}
