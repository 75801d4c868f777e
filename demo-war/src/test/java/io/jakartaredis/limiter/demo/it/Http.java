package io.jakartaredis.limiter.demo.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plain HTTP/1.1 GET over a socket bound to a chosen loopback source address, so that tests can
 * be an untrusted client (127.0.0.1) or a trusted proxy (127.0.0.2) of the same server.
 */
final class Http {

    static final String CLIENT = "127.0.0.1";
    static final String TRUSTED_PROXY = "127.0.0.2";

    /**
     * A client address for {@code X-Forwarded-For} that no earlier run used: a random /64 of the
     * IPv6 documentation prefix, as keys cut it. The Redis outlives a rerun.
     */
    static String randomClientAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("2001:db8:%x:%x::1", random.nextInt(1, 0x10000), random.nextInt(1, 0x10000));
    }

    /** A response: status, headers by lower-case name, body. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? Optional.empty() : Optional.of(String.join(", ", values));
        }
    }

    private Http() {
    }

    /** GET from 127.0.0.1; headers as name, value, name, value, … */
    static Response get(URL base, String path, String... headers) {
        return request("GET", CLIENT, base, path, headers);
    }

    static Response request(String method, String sourceAddress, URL base, String path, String... headers) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(base.getPath())
                    .append(path.startsWith("/") ? path.substring(1) : path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(base.getPort()).append("\r\nConnection: close\r\n");
            if (method.equals("POST")) {
                request.append("Content-Length: 0\r\n");
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(InputStream in) throws IOException {
        String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        String body = raw.substring(end + 4);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
