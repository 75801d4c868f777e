package io.jakartaredis.limiter.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Counts the commands each decision sends with {@code MONITOR}, which shows the commands clients
 * send apart from those that scripts run ({@code [0 lua]}), one line per command whether it came
 * alone or in a pipelined write. Run apart from the timed benchmarks, because MONITOR slows Redis down.
 */
final class RoundTripProbe {

    /** Sent once when the pool opens a connection, not per decision. */
    private static final Set<String> CONNECTION_SETUP = Set.of("hello", "auth", "select", "client", "ping");

    /**
     * @param clientCommands   per decision: commands the client sent; pipelined or not, each decision's is sent once
     * @param scriptCommands   per decision: commands run inside scripts
     * @param sent             decision commands sent, by name
     * @param connectionSetups commands sent to set up pooled connections opened during the run (HELLO, …)
     */
    record RoundTrips(Scenario scenario, int threads, long decisions, double clientCommands, double scriptCommands,
                      Map<String, Long> sent, long connectionSetups) {
    }

    private RoundTripProbe() {
    }

    static List<RoundTrips> run(int port, List<Integer> threadCounts, int decisions) throws Exception {
        List<RoundTrips> all = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            for (int threads : threadCounts) {
                all.add(probe(port, scenario, threads, decisions - decisions % threads));
            }
        }
        return all;
    }

    private static RoundTrips probe(int port, Scenario scenario, int threads, int decisions) throws Exception {
        try (Jedis admin = BenchmarkRedis.admin(port)) {
            admin.flushAll();
            try (Contender contender = scenario.open(port); Socket monitor = new Socket(RedisServer.HOST, port)) {
                // Opens every pooled connection the run will use: connecting (HELLO, …) is not part of a decision.
                decideAll(contender, scenario, threads, 20 * threads);
                var in = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
                monitor.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
                if (!"+OK".equals(in.readLine())) {
                    throw new IllegalStateException("MONITOR was refused");
                }
                decideAll(contender, scenario, threads, decisions);
                String marker = "bench-end-" + System.nanoTime();
                admin.echo(marker);
                return count(in, marker, scenario, threads, decisions);
            }
        }
    }

    private static RoundTrips count(BufferedReader in, String marker, Scenario scenario, int threads, int decisions)
            throws IOException {
        Map<String, Long> sent = new TreeMap<>();
        long client = 0;
        long script = 0;
        long setups = 0;
        for (String line = in.readLine(); line != null && !line.contains(marker); line = in.readLine()) {
            int open = line.indexOf('[');
            int close = line.indexOf(']', open);
            boolean byScript = line.substring(open, close).contains("lua");
            int quote = line.indexOf('"', close);
            String command = line.substring(quote + 1, line.indexOf('"', quote + 1)).toLowerCase(Locale.ROOT);
            if (byScript) {
                script++;
            } else if (CONNECTION_SETUP.contains(command)) {
                setups++;
            } else {
                client++;
                sent.merge(command, 1L, Long::sum);
            }
        }
        return new RoundTrips(scenario, threads, decisions, client / (double) decisions, script / (double) decisions, sent, setups);
    }

    private static void decideAll(Contender contender, Scenario scenario, int threads, int decisions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < decisions / threads; i++) {
                        contender.decide(scenario.keys().next());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
