package io.jakartaredis.limiter.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientAddressResolverTest {

    private static final TrustedProxies TRUSTED = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, ::1/128, fd00::/8");

    /** A request: its peer, the header the operator chose, and that header's lines. */
    private record Request(String peer, String header, List<String> lines) {
    }

    private static Request peer(String peer) {
        return new Request(peer, "X-Forwarded-For", List.of());
    }

    private static Request xff(String peer, String... lines) {
        return new Request(peer, "X-Forwarded-For", List.of(lines));
    }

    private static Request forwarded(String peer, String... lines) {
        return new Request(peer, "Forwarded", List.of(lines));
    }

    private static Request realIp(String peer, String... lines) {
        return new Request(peer, "X-Real-IP", List.of(lines));
    }

    private static ClientAddressResolver resolver(String header) {
        return new ClientAddressResolver(new ClientAddressConfig(TRUSTED, ForwardingHeader.parse(header), IpPrefixes.DEFAULT));
    }

    private static Arguments when(String behaviour, Request request, String client) {
        return Arguments.of(behaviour, request, client);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
            when("an untrusted peer is the client whatever it sends", xff("203.0.113.9", "198.51.100.1"), "203.0.113.9"),
            when("an untrusted peer is the client whatever Forwarded says", forwarded("203.0.113.9", "for=198.51.100.1"),
                    "203.0.113.9"),
            when("an untrusted IPv6 peer is normalized", peer("2001:DB8:0:0:0:0:0:1"), "2001:db8::1"),
            when("a trusted peer without headers is the client", peer("0:0:0:0:0:0:0:1"), "::1"),
            when("a bracketed peer is read", peer("[::1]"), "::1"),
            when("the address appended by the proxy is the client", xff("10.0.0.1", "203.0.113.5"), "203.0.113.5"),
            when("a spoofed entry left of the proxy's is ignored", xff("10.0.0.1", "6.6.6.6, 203.0.113.5"), "203.0.113.5"),
            when("trusted hops are skipped", xff("10.0.0.1", "6.6.6.6, 203.0.113.5, 10.0.0.2, 192.168.1.7"), "203.0.113.5"),
            when("several field lines form one list", xff("10.0.0.1", "6.6.6.6", "203.0.113.5, 10.0.0.2"), "203.0.113.5"),
            when("a chain of trusted hops gives its leftmost", xff("10.0.0.1", "10.0.0.3, 10.0.0.2"), "10.0.0.3"),
            when("garbage stops the walk at the last address seen", xff("10.0.0.1", "203.0.113.5, garbage, 10.0.0.2"), "10.0.0.2"),
            when("unknown stops the walk at the peer", xff("10.0.0.1", "203.0.113.5, unknown"), "10.0.0.1"),
            when("a host name is no address", xff("10.0.0.1", "203.0.113.5, proxy.internal"), "10.0.0.1"),
            when("legacy IPv4 forms are no addresses", xff("10.0.0.1", "1.2.3"), "10.0.0.1"),
            when("leading zeros are no addresses", xff("10.0.0.1", "010.0.0.9"), "10.0.0.1"),
            when("empty list elements are ignored", xff("10.0.0.1", "203.0.113.5, , ,10.0.0.2,"), "203.0.113.5"),
            when("an IPv4 port is dropped", xff("10.0.0.1", "203.0.113.5:4711"), "203.0.113.5"),
            when("a bare IPv6 entry is read", xff("10.0.0.1", "2001:DB8::0:1"), "2001:db8::1"),
            when("a bracketed IPv6 entry with port is read", xff("10.0.0.1", "[2001:db8::1]:4711"), "2001:db8::1"),
            when("an IPv4-mapped entry is IPv4", xff("10.0.0.1", "::ffff:203.0.113.5"), "203.0.113.5"),
            when("an IPv4-mapped trusted hop is skipped", xff("::ffff:10.0.0.1", "203.0.113.5, ::ffff:10.0.0.2"), "203.0.113.5"),
            when("a quoted IPv6 node with port is read", forwarded("10.0.0.1", "for=\"[2001:db8:cafe::17]:4711\""),
                    "2001:db8:cafe::17"),
            when("parameters and case do not matter", forwarded("10.0.0.1",
                    "for=192.0.2.43;proto=https;by=203.0.113.43, FOR=\"[fd00::7]\""), "192.0.2.43"),
            when("quoted-pair escapes are resolved", forwarded("10.0.0.1", "for=\"192.0.2.\\43\""), "192.0.2.43"),
            when("an obfuscated node stops the walk", forwarded("10.0.0.1", "for=203.0.113.5, for=_hidden, for=10.0.0.2"),
                    "10.0.0.2"),
            when("an obfuscated port still names the address", forwarded("10.0.0.1", "for=\"203.0.113.5:_p1\""), "203.0.113.5"),
            when("an unknown node stops the walk", forwarded("10.0.0.1", "for=unknown"), "10.0.0.1"),
            when("a bare IPv6 node is invalid in Forwarded", forwarded("10.0.0.1", "for=\"2001:db8::1\""), "10.0.0.1"),
            when("an element without for stops the walk", forwarded("10.0.0.1", "for=203.0.113.5, proto=https"), "10.0.0.1"),
            when("an element with two for stops the walk", forwarded("10.0.0.1", "for=203.0.113.5;for=6.6.6.6"), "10.0.0.1"),
            when("a pair without = stops the walk", forwarded("10.0.0.1", "for=203.0.113.5;secure"), "10.0.0.1"),
            when("Forwarded without for names nobody", forwarded("10.0.0.1", "proto=https"), "10.0.0.1"),
            when("a single-address header names the client", realIp("10.0.0.1", "203.0.113.5"), "203.0.113.5"),
            when("a single-address header may carry a port", realIp("10.0.0.1", " [2001:db8::5]:443 "), "2001:db8::5"),
            when("a single-address header's last line is the nearest proxy's", realIp("10.0.0.1", "6.6.6.6", "203.0.113.5"),
                    "203.0.113.5"),
            when("a list in a single-address header names nobody", realIp("10.0.0.1", "6.6.6.6, 203.0.113.5"), "10.0.0.1"),
            when("an untrusted peer's single-address header is ignored", realIp("203.0.113.9", "6.6.6.6"), "203.0.113.9"),
            when("a trusted address in a single-address header is the client", realIp("10.0.0.1", "10.0.0.7"), "10.0.0.7"),
            when("an open quote in the client's line cannot swallow the proxy's", forwarded("10.0.0.1",
                    "for=\"6.6.6.6", "for=203.0.113.5"), "203.0.113.5"),
            when("an open quote left on the proxy's line cannot swallow the proxy's element", forwarded("10.0.0.1",
                    "for=\"6.6.6.6, for=203.0.113.5"), "203.0.113.5"),
            when("a quoted comma does not split an element", forwarded("10.0.0.1",
                    "for=6.6.6.6, for=\"[2001:db8::1]:80\";host=\"a,b\""), "2001:db8::1"),
            when("an escaped quote does not end a quoted string", forwarded("10.0.0.1",
                    "for=6.6.6.6, for=203.0.113.5;host=\"x\\\",y\""), "203.0.113.5"),
            when("an escaped backslash does not escape the quote after it", forwarded("10.0.0.1",
                    "for=6.6.6.6, for=203.0.113.5;host=\"x,\\\\\""), "203.0.113.5"),
            when("an oversized Forwarded line is read from its right end", forwarded("10.0.0.1",
                    "for=\"6.6.6.6, ".repeat(2000) + "for=203.0.113.5, for=10.0.0.2"), "203.0.113.5"),
            when("an empty for stops the walk", forwarded("10.0.0.1", "for=203.0.113.5, for=\"\""), "10.0.0.1"),
            when("a quote means nothing in X-Forwarded-For", xff("10.0.0.1", "\"6.6.6.6, 203.0.113.5"), "203.0.113.5"),
            when("a CRLF inside an entry makes it garbage", xff("10.0.0.1", "203.0.113.5\r\n, 10.0.0.2"), "10.0.0.2"),
            when("a NUL inside an entry makes it garbage", xff("10.0.0.1", "203.0.113.5\u0000"), "10.0.0.1"),
            when("Unicode digits are no digits", xff("10.0.0.1", "２０３.0.113.5"), "10.0.0.1"),
            when("an oversized line left of the proxy's is garbage", xff("10.0.0.1", "6.6.6.6, ".repeat(2000),
                    "203.0.113.5"), "203.0.113.5"),
            when("an oversized line is read from its right end", xff("10.0.0.1", "6.6.6.6, ".repeat(2000) + "203.0.113.5"),
                    "203.0.113.5"),
            when("a 1 MiB line keeps the hops the proxies appended", xff("10.0.0.1",
                    "x".repeat(1 << 20) + ", 203.0.113.5, 10.0.0.2"), "203.0.113.5"),
            when("a hop cut by the budget names nobody", xff("10.0.0.1", "203.0.113.5" + "0".repeat(9000) + ", 10.0.0.2"),
                    "10.0.0.2"),
            when("the budget ends the walk at the last address read", xff("10.0.0.1", "203.0.113.5, "
                    + " ".repeat(9000) + ", 10.0.0.2"), "10.0.0.2"),
            when("a line beyond the budget names nobody", xff("10.0.0.1", "203.0.113.5", " ".repeat(9000), "10.0.0.2"),
                    "10.0.0.2"),
            when("an oversized single-address line names nobody", realIp("10.0.0.1", " ".repeat(9000) + "203.0.113.5"),
                    "10.0.0.1"),
            when("only 64 hops are read", xff("10.0.0.1", "203.0.113.5, " + "10.0.0.2, ".repeat(70) + "10.0.0.3"),
                    "10.0.0.2"),
            when("a peer that is no address is kept when short and printable", peer("unix-socket"), "unix-socket"),
            when("a peer with spaces is unknown", peer("not an address"), "unknown"),
            when("a peer with CRLF is unknown", peer("x\r\ny"), "unknown"),
            when("a long peer is unknown", peer("p".repeat(65)), "unknown"),
            when("a 64-character peer is kept", peer("p".repeat(64)), "p".repeat(64)),
            when("an empty peer is unknown", peer(""), "unknown"),
            when("a missing peer is unknown", peer(null), "unknown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void findsTheClient(String behaviour, Request request, String client) {
        assertEquals(client, resolver(request.header()).clientAddress(request.peer(), request.lines()));
    }

    @Test
    void missingHeaderListsAndLinesAreNoHeaders() {
        for (String header : List.of("X-Forwarded-For", "Forwarded", "X-Real-IP")) {
            assertEquals("10.0.0.1", resolver(header).clientAddress("10.0.0.1", null), header);
            assertEquals("10.0.0.1", resolver(header).clientAddress("10.0.0.1", Arrays.asList((String) null)), header);
        }
        assertEquals("203.0.113.5", resolver("X-Forwarded-For").clientAddress("10.0.0.1", Arrays.asList("203.0.113.5", null)));
    }

    @Test
    void withoutTrustedProxiesEveryPeerIsTheClient() {
        ClientAddressResolver direct = new ClientAddressResolver(TrustedProxies.none());
        assertEquals("10.0.0.1", direct.clientAddress("10.0.0.1", List.of("203.0.113.5")));
    }

    @Test
    void theNetworkIsTheAddressCutToItsPrefix() {
        assertEquals("2001:db8:7:9::/64", resolver("X-Forwarded-For").clientNetwork("10.0.0.1", List.of("2001:db8:7:9::abcd")));
        assertEquals("203.0.113.5", resolver("X-Forwarded-For").clientNetwork("10.0.0.1", List.of("::ffff:203.0.113.5")));
        assertEquals("unix-socket", resolver("X-Forwarded-For").clientNetwork("unix-socket", List.of()));
    }

    @Test
    void readsOnlyTheChosenHeader() {
        assertEquals("X-Forwarded-For", new ClientAddressResolver(TRUSTED).header());
        assertEquals("Forwarded", resolver("Forwarded").header());
        assertEquals("X-Real-IP", resolver("X-Real-IP").header());
    }

    /** {@code getRemoteAddr()} gives a link-local peer with its zone (RFC 4007), which names an interface, not a host. */
    @Test
    void aZoneIdOfTheSocketPeerIsDropped() {
        ClientAddressResolver untrusting = new ClientAddressResolver(TrustedProxies.none());
        assertEquals("fe80::fc:ff:fe00:1", untrusting.clientAddress("fe80:0:0:0:fc:ff:fe00:1%4", List.of()));
        assertEquals("fe80::/64", untrusting.clientNetwork("fe80:0:0:0:fc:ff:fe00:1%4", List.of()));
        assertEquals("fe80::/64", untrusting.clientNetwork("[fe80::fc:ff:fe00:2%eth0]", List.of()));

        ClientAddressResolver behindLinkLocalProxy = new ClientAddressResolver(TrustedProxies.parse("fe80::/10"));
        assertEquals("203.0.113.7", behindLinkLocalProxy.clientAddress("fe80:0:0:0:fc:ff:fe00:1%4", List.of("203.0.113.7")));
    }

    @Test
    void aZoneIdInAForwardedHopNamesNoAddress() {
        ClientAddressResolver behindLinkLocalProxy = new ClientAddressResolver(TrustedProxies.parse("fe80::/10"));
        assertEquals("fe80::1", behindLinkLocalProxy.clientAddress("fe80::1%4", List.of("fe80::2%4")));
    }

    /** As the README says: an IPv6 address with a port must be bracketed in X-Forwarded-For. */
    @Test
    void aBareIpv6EntryWithAPortIsReadAsAnAddress() {
        ClientAddressResolver resolver = resolver("X-Forwarded-For");
        assertEquals("2001:db8::1:80", resolver.clientAddress("10.0.0.1", List.of("2001:db8::1:80")));
        assertEquals("2001:db8::1", resolver.clientAddress("10.0.0.1", List.of("[2001:db8::1]:80")));
        assertEquals("203.0.113.7", resolver.clientAddress("10.0.0.1", List.of("203.0.113.7:80")));
    }
}
