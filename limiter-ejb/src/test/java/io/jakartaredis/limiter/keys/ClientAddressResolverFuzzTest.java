package io.jakartaredis.limiter.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * Hostile requests by the ten thousand, from a fixed seed so that a failure names a case that can
 * be replayed. Garbage never contains a digit, a hex letter, {@code .} or {@code :}, so every
 * address the resolver could answer is one that the generator wrote on purpose and recorded.
 */
class ClientAddressResolverFuzzTest {

    private static final int CASES = 12_000;
    private static final TrustedProxies TRUSTED = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, ::1/128, fd00::/8");
    private static final ClientAddressResolver BY_X_FORWARDED_FOR = new ClientAddressResolver(TRUSTED);
    private static final ClientAddressResolver BY_FORWARDED = new ClientAddressResolver(
            new ClientAddressConfig(TRUSTED, ForwardingHeader.parse("Forwarded"), IpPrefixes.DEFAULT));
    private static final ClientAddressResolver BY_REAL_IP = new ClientAddressResolver(
            new ClientAddressConfig(TRUSTED, ForwardingHeader.parse("X-Real-IP"), IpPrefixes.DEFAULT));
    private static final String[] GARBAGE = {"unknown", "_hidden", "for=", "For=\"", "\"", "\\", ";", "=", ",", ", ",
        " ", "\t", "\r\n", "\u0000", "[", "]", "]:", "/", "%", "proto=https", "by=", "x", "ZZ", "_-_", "é", "٣", "１",
        "\uD83D\uDE00", "\uD800", "\u2028", "ｆor=", "localhost", "\u00a0", "\u001b[m"};

    private final Random random = new Random(20_240_607L);

    /** One generated request, with every address it mentions. */
    private record Case(String peer, List<String> forwarded, List<String> xForwardedFor, Set<InetAddress> mentioned) {
    }

    @Test
    void neverThrowsAndAnswersOnlyThePeerOrAnAddressFromTheChain() throws UnknownHostException {
        for (int i = 0; i < CASES; i++) {
            Case c = hostileCase();
            ClientAddressResolver resolver = List.of(BY_X_FORWARDED_FOR, BY_FORWARDED, BY_REAL_IP).get(i % 3);
            String client = resolver.clientAddress(c.peer(), resolver == BY_FORWARDED ? c.forwarded() : c.xForwardedFor());
            int number = i;
            Supplier<String> where = () -> "case " + number + ": " + c;
            Optional<IpAddress> peer = IpAddress.parse(c.peer());
            assertTrue(client.length() <= 64, where);
            if (peer.isEmpty()) {
                assertEquals(isShortPrintable(c.peer()) ? c.peer() : "unknown", client, where);
                continue;
            }
            IpAddress answer = IpAddress.parse(client).orElseThrow(() -> new AssertionError("no address: " + where.get()));
            assertEquals(answer.toString(), client, () -> "not normalized: " + where.get());
            if (!TRUSTED.trusts(peer.get())) {
                assertEquals(peer.get().toString(), client, () -> "an untrusted peer must be the client: " + where.get());
            }
            assertTrue(answer.equals(peer.get()) || c.mentioned().contains(InetAddress.getByName(client)),
                    () -> "answered an address nobody wrote: " + client + " in " + where.get());
        }
    }

    @Test
    void noPrefixAClientSendsHidesTheAddressItsProxyAppends() {
        for (int i = 0; i < CASES; i++) {
            String real = untrustedIpv4();
            List<String> forwarded = new ArrayList<>();
            List<String> xForwardedFor = new ArrayList<>();
            boolean viaForwarded = random.nextBoolean();
            for (int line = random.nextInt(4); line > 0; line--) {
                (viaForwarded ? forwarded : xForwardedFor).add(hostileLine(new HashSet<>()));
            }
            // the proxy adds a line of its own, or appends to the client's last line (huge, or ending
            // in an open quote), possibly after a trusted hop of ours
            String hops = random.nextBoolean() ? real : real + ", 10.0.0.2";
            List<String> lines = viaForwarded ? forwarded : xForwardedFor;
            String appended = viaForwarded ? "for=" + hops.replace(", ", ", for=") : hops;
            if (!lines.isEmpty() && random.nextBoolean()) {
                String prefix = random.nextInt(10) == 0 ? "6.6.6.6, ".repeat(120_000) : lines.remove(lines.size() - 1);
                lines.add(prefix + ", " + appended);
            } else {
                lines.add(appended);
            }
            String client = viaForwarded ? BY_FORWARDED.clientAddress("10.0.0.1", forwarded)
                    : BY_X_FORWARDED_FOR.clientAddress("10.0.0.1", xForwardedFor);
            int number = i;
            assertEquals(real, client, () -> "case " + number + ": " + forwarded + " / " + xForwardedFor);
        }
    }

    private Case hostileCase() {
        Set<InetAddress> mentioned = new HashSet<>();
        List<String> forwarded = lines(mentioned);
        List<String> xForwardedFor = lines(mentioned);
        return new Case(peer(), forwarded, xForwardedFor, mentioned);
    }

    private String peer() {
        return switch (random.nextInt(8)) {
            case 0 -> "10." + random.nextInt(256) + ".0.1";
            case 1 -> "0:0:0:0:0:0:0:1";
            case 2 -> "::ffff:10.0.0." + random.nextInt(256);
            case 3 -> "fd00::" + Integer.toHexString(random.nextInt(0x10000));
            case 4 -> untrustedIpv4();
            case 5 -> null;
            case 6 -> garbage(random.nextInt(80));
            default -> "2001:db8::" + Integer.toHexString(random.nextInt(0x10000));
        };
    }

    private List<String> lines(Set<InetAddress> mentioned) {
        if (random.nextInt(4) == 0) {
            return random.nextBoolean() ? null : List.of();
        }
        List<String> lines = new ArrayList<>();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            lines.add(random.nextInt(20) == 0 ? null : hostileLine(mentioned));
        }
        return lines;
    }

    private String hostileLine(Set<InetAddress> mentioned) {
        StringBuilder line = new StringBuilder();
        int elements = random.nextInt(40) == 0 ? 1000 : 1 + random.nextInt(8);
        for (int e = 0; e < elements; e++) {
            if (e > 0) {
                line.append(random.nextBoolean() ? "," : ", ");
            }
            line.append(random.nextInt(5) == 0 ? garbage(1 + random.nextInt(6)) : node(mentioned));
        }
        return line.toString();
    }

    /** An address in one of the forms proxies write, prefixed like a Forwarded pair or not. */
    private String node(Set<InetAddress> mentioned) {
        byte[] bytes = new byte[random.nextBoolean() ? 4 : 16];
        random.nextBytes(bytes);
        if (random.nextInt(3) == 0) {
            bytes[0] = (byte) (bytes.length == 4 ? 10 : 0xfd);
        }
        InetAddress address = address(bytes);
        mentioned.add(address);
        String literal = address.getHostAddress();
        String node = switch (random.nextInt(5)) {
            case 0 -> literal;
            case 1 -> literal.indexOf(':') >= 0 ? "[" + literal.toUpperCase() + "]" : literal + ":" + random.nextInt(65536);
            case 2 -> literal.indexOf(':') >= 0 ? "\"[" + literal + "]:_port\"" : "::ffff:" + literal;
            case 3 -> "\"" + literal + "\"";
            default -> literal.indexOf(':') >= 0 ? "[" + literal + "]:" + random.nextInt(65536) : literal;
        };
        return random.nextBoolean() ? "for=" + node + (random.nextBoolean() ? ";proto=https" : "") : node;
    }

    private String garbage(int pieces) {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < pieces; p++) {
            text.append(GARBAGE[random.nextInt(GARBAGE.length)]);
        }
        return text.toString();
    }

    private String untrustedIpv4() {
        return (11 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 or 16 bytes are always an address", impossible);
        }
    }

    private static boolean isShortPrintable(String text) {
        return text != null && !text.isEmpty() && text.length() <= 64 && text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
