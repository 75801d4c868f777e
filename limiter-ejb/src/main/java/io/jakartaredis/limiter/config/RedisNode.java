package io.jakartaredis.limiter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Redis or Sentinel address, as written in {@code limiter.redis.sentinel.nodes} and
 * {@code limiter.redis.cluster.nodes}.
 *
 * @param host host name, IPv4 address or IPv6 address (without brackets)
 * @param port TCP port, 1 to 65535
 */
public record RedisNode(String host, int port) {

    static final String SYNTAX = "a comma list of host:port such as redis-1:26379, 10.0.0.7:26379, [fd00::7]:26379";

    private static final Pattern FORM = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([A-Za-z0-9._-]+)):(\\d{1,5})");

    /** Parses a non-empty comma list of {@code host:port}; IPv6 addresses are bracketed. */
    static List<RedisNode> parseList(String text) {
        List<RedisNode> nodes = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            nodes.add(parse(part.strip()));
        }
        return List.copyOf(nodes);
    }

    private static RedisNode parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is no host:port; expected " + SYNTAX);
        }
        int port = Integer.parseInt(m.group(3));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " of \"" + text + "\" is not in 1..65535");
        }
        return new RedisNode(m.group(1) != null ? m.group(1) : m.group(2), port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
