package io.jakartaredis.limiter.keys;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the address of the client behind a request, believing forwarding headers only as far as
 * {@link TrustedProxies trusted proxies} vouch for them:
 *
 * <ol>
 * <li>A socket peer that is not trusted is the client, whatever headers it sent: no client can
 *     choose its own key by sending a header.</li>
 * <li>Behind a trusted peer, the chain comes from the one {@link ForwardingHeader} the operator
 *     chose ({@code X-Forwarded-For} by default); no other header is read, whoever wrote it. It
 *     is read from the right, where the nearest proxy appended, skipping trusted hops; the first
 *     untrusted address is the client.</li>
 * <li>An entry that names no address ({@code unknown}, {@code _obfuscated}, garbage) ends the walk:
 *     the client is the last address seen, the trusted hop that could vouch no further. When every
 *     hop is trusted, the client is the leftmost.</li>
 * </ol>
 *
 * <p>Only the rightmost {@value ForwardingChain#MAX_HOPS} hops and
 * {@value ForwardingChain#MAX_CHARS} characters of the chain are read, from its right end, so
 * that no prefix a client sends can hide the hops its proxies appended. The answer is always a
 * normalized address (dotted IPv4; IPv6 in RFC 5952 form; IPv4-mapped IPv6 as IPv4), never header
 * text. {@link #clientNetwork} answers the client's network under the configured
 * {@link IpPrefixes}, which is what keys use. This never throws, whatever the input, and never
 * looks anything up in DNS. Thread-safe.
 */
public final class ClientAddressResolver {

    /** Stands for a socket peer that is neither an IP literal nor short printable ASCII. */
    public static final String UNKNOWN = "unknown";

    static final int MAX_VERBATIM_PEER_LENGTH = 64;

    private final TrustedProxies trusted;
    private final ForwardingHeader header;
    private final IpPrefixes prefixes;

    /** A resolver that believes the {@code X-Forwarded-For} of these proxies, with the default prefixes. */
    public ClientAddressResolver(TrustedProxies trusted) {
        this(ClientAddressConfig.behind(trusted));
    }

    /** A resolver with these settings. */
    public ClientAddressResolver(ClientAddressConfig config) {
        this.trusted = Objects.requireNonNull(config, "config").trustedProxies();
        this.header = config.header();
        this.prefixes = config.prefixes();
    }

    /** The name of the one header whose lines {@link #clientAddress} reads. */
    public String header() {
        return header.name();
    }

    /**
     * The client's address.
     *
     * @param remoteAddr  the socket peer, as {@code ServletRequest.getRemoteAddr()} gives it
     * @param headerLines every field line of the {@link #header()}, in arrival order; may be {@code null}
     * @return a normalized IP address; or, for a peer that is no IP literal, the peer as it is when
     *         it has 1 to 64 printable ASCII characters, else {@value #UNKNOWN}
     */
    public String clientAddress(String remoteAddr, List<String> headerLines) {
        return answer(remoteAddr, headerLines, IpAddress::toString);
    }

    /**
     * The client's network, as keys name it: {@link #clientAddress} cut to the configured prefix
     * length, e.g. {@code 2001:db8:7:9::/64}, or {@code 203.0.113.7} under a /32.
     */
    public String clientNetwork(String remoteAddr, List<String> headerLines) {
        return answer(remoteAddr, headerLines, prefixes::network);
    }

    private String answer(String remoteAddr, List<String> headerLines,
                          Function<IpAddress, String> form) {
        Optional<IpAddress> peer = peerAddress(remoteAddr);
        if (peer.isEmpty()) {
            return isShortPrintableAscii(remoteAddr) ? remoteAddr : UNKNOWN;
        }
        return form.apply(client(peer.get(), headerLines));
    }

    private IpAddress client(IpAddress peer, List<String> headerLines) {
        if (!trusted.trusts(peer)) {
            return peer;
        }
        IpAddress client = peer;
        for (Optional<IpAddress> hop : ForwardingChain.hops(header.syntax(), headerLines)) {
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            if (!trusted.trusts(client)) {
                break;
            }
        }
        return client;
    }

    /**
     * Containers give the peer bare; some wrap IPv6 in brackets. A link-local peer comes with its
     * zone ({@code fe80::1%4}, RFC 4007), which names our interface, not the client: it is
     * dropped, so the peer is keyed by its network and matched against trusted blocks. Zones in
     * forwarding headers stay refused: no proxy writes one for a client.
     */
    private static Optional<IpAddress> peerAddress(String remoteAddr) {
        if (remoteAddr == null) {
            return Optional.empty();
        }
        String address = remoteAddr;
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone > 0 && address.indexOf(':') >= 0 && zone < address.length() - 1) {
            address = address.substring(0, zone);
        }
        return IpAddress.parse(address);
    }

    private static boolean isShortPrintableAscii(String text) {
        return text != null && !text.isEmpty() && text.length() <= MAX_VERBATIM_PEER_LENGTH
                && text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
