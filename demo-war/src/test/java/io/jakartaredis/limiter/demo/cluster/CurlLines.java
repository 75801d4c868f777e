package io.jakartaredis.limiter.demo.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.jakartaredis.limiter.testkit.RedisBinary;

/** The ready-to-paste commands that the interactive mode prints. */
final class CurlLines {

    private CurlLines() {
    }

    static void print(List<Integer> ports, int redisPort, PrintStream out) {
        String first = "http://127.0.0.1:" + ports.get(0);
        String second = "http://127.0.0.1:" + ports.get(ports.size() - 1);
        String inTurn = ports.stream().map(String::valueOf).collect(Collectors.joining(" "));
        out.println();
        out.println("Try it (every node answers with its name; the limits are shared through Redis):");
        out.println();
        out.println("  # /api/hello: 10 per 60 s per client address, whichever node answers");
        out.println("  curl -i " + first + "/api/hello");
        out.println("  curl -i " + second + "/api/hello");
        out.println("  for i in $(seq 6); do for p in " + inTurn
                + "; do curl -s -o /dev/null -w \"$p:%{http_code} \" http://127.0.0.1:$p/api/hello; done; done; echo");
        out.println();
        out.println("  # /api/quote: 5 per minute per X-Api-Key (an EJB)");
        out.println("  curl -i -H 'X-Api-Key: alice' " + first + "/api/quote");
        out.println("  curl -i -H 'X-Api-Key: alice' " + second + "/api/quote");
        out.println();
        out.println("  # /api/search: 3 per second and 20 per hour; /api/report: 3 per minute per user;"
                + " /api/status: 100 per minute for everyone");
        out.println("  curl -i '" + first + "/api/search?q=redis'");
        out.println("  curl -i " + second + "/api/report");
        out.println("  curl -i " + first + "/api/status");
        out.println();
        out.println("  # your quota, from peek (takes nothing): per-ip, per-api-key, per-user, search, global-status");
        out.println("  curl -s " + second + "/api/quota/per-ip; echo");
        out.println("  curl -s -H 'X-Api-Key: alice' " + first + "/api/quota/per-api-key; echo");
        RedisBinary.cli().map(CurlLines::shortName).ifPresent(cli -> {
            out.println();
            out.println("  # the buckets in Redis");
            out.println("  " + cli + " -p " + redisPort + " --scan --pattern 'rate_limit:*'");
        });
        out.println();
        out.println("Press Ctrl-C to stop both nodes and Redis.");
    }

    /** {@code redis-cli} when the one found is the PATH's, else its full path. */
    private static String shortName(Path cli) {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean onPath = List.of(path.split(java.io.File.pathSeparator)).contains(String.valueOf(cli.getParent()));
        return onPath ? "redis-cli" : cli.toString();
    }
}
