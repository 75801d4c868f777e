package io.jakartaredis.limiter.demo.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * The demo command ({@code ./demo.sh}): one Redis and two Payara Micro nodes, each in a JVM of its
 * own and without clustering, serving the demo WAR and sharing its limits only through Redis.
 * Interactive mode prints curl lines and runs until Ctrl-C; batch mode ({@code -Ddemo.batch=true})
 * fires bursts at both nodes, prints one table per burst and fails unless they show one shared
 * limit. Either way every process it started is stopped when it ends, also on Ctrl-C.
 */
public final class DemoCluster implements AutoCloseable {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    /** C1 only and the serial collector: two nodes boot in about half the time on two cores; a demo needs no peak speed. */
    private static final List<String> NODE_JVM_OPTIONS = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final Duration CTRL_C_RACE = Duration.ofSeconds(3);

    private final DemoSettings settings;
    private final PrintStream out;
    private final DemoHttp http = new DemoHttp();
    // Read by the shutdown hook while the main thread starts them.
    private final List<PayaraNode> nodes = new CopyOnWriteArrayList<>();
    private volatile RedisServer redis;
    private volatile boolean closing;
    private boolean closed;

    private DemoCluster(DemoSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Runs the demo as the system properties say (see {@link DemoSettings}).
     *
     * @throws IllegalStateException when something cannot start, or the batch does not show one shared limit
     */
    public static void main(String[] args) {
        DemoSettings settings = DemoSettings.fromSystemProperties();
        settings.checkRunnable();
        DemoCluster cluster = new DemoCluster(settings, System.out);
        Thread stopOnExit = new Thread(cluster::close, "stop the demo cluster");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            cluster.start();
            if (settings.batch()) {
                if (!BatchRun.showsOneSharedLimit(settings.ports(), cluster.http, cluster.out)) {
                    throw new IllegalStateException("the bursts did not show one limit shared by the nodes");
                }
            } else {
                CurlLines.print(settings.ports(), cluster.redis.port(), cluster.out);
                cluster.awaitUntilANodeStops();
            }
        } catch (RuntimeException e) {
            if (!cluster.stoppedByUser()) {
                throw e;
            }
        } finally {
            cluster.close();
            removeHook(stopOnExit);
        }
    }

    private void start() {
        out.println("Jakarta Redis Limiter demo: " + settings.ports().size() + " Payara Micro nodes sharing one Redis");
        out.println("Redis: " + DemoRedis.describeBinary());
        redis = DemoRedis.start();
        out.println("       listening on 127.0.0.1:" + redis.port()
                + (redis.port() == DemoRedis.USUAL_PORT ? "" : " (6379 is taken)"));
        long startNanos = System.nanoTime();
        for (int port : settings.ports()) {
            nodes.add(PayaraNode.start(nodeSettings(port)));
        }
        out.println("Booting " + nodes.size() + " Payara Micro nodes, logs in "
                + relative(nodes.get(0).log().getParent()) + "/demo-node-<port>.log ...");
        for (PayaraNode node : nodes) {
            node.awaitReady(BOOT_TIMEOUT);
            String greeting = checkAnswers(node);
            out.printf("node-%d ready on %s after %d s: %s%n", node.port(), node.baseUrl(),
                    Duration.ofNanos(System.nanoTime() - startNanos).toSeconds(), greeting);
        }
    }

    /** A path as seen from the directory the command runs in, as short as it can be. */
    private static Path relative(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) ? here.relativize(path) : path;
    }

    private PayaraNodeSettings nodeSettings(int port) {
        return PayaraNodeSettings.of(settings.microJar(), settings.war(), port, settings.rootDirOf(port))
                .withJvmOptions(NODE_JVM_OPTIONS)
                .withPrebootCommands(settings.preboot())
                .withSystemProperty("limiter.redis.url", redis.url())
                .withSystemProperty("demo.node", "node-" + port);
    }

    /**
     * One request through the limiter proves the WAR runs and reaches Redis, and warms the node up
     * so that the bursts are quick. It takes one token of the global status limit (100 per minute).
     */
    private String checkAnswers(PayaraNode node) {
        DemoHttp.Answer answer = http.get(node.port(), "/api/status");
        if (answer.status() != 200 || !answer.body().contains("node-" + node.port())) {
            throw new IllegalStateException(node + " answered /api/status with " + answer.status() + " "
                    + answer.body().strip() + "; see " + node.log());
        }
        return "GET /api/status -> " + answer.status() + " " + answer.body().strip();
    }

    private void awaitUntilANodeStops() {
        PayaraNode stopped = (PayaraNode) CompletableFuture.anyOf(
                nodes.stream().map(PayaraNode::onExit).toArray(CompletableFuture[]::new)).join();
        throw new IllegalStateException(stopped + " stopped; see " + stopped.log());
    }

    /**
     * Whether the demo ends because the user stopped it. Ctrl-C in a terminal signals the nodes as
     * well as this JVM, in no particular order, so a node may exit just before this JVM's hook runs.
     */
    private boolean stoppedByUser() {
        boolean aNodeExited = nodes.stream().anyMatch(node -> !node.isRunning());
        return closing || aNodeExited && closingWithin(CTRL_C_RACE);
    }

    /** Stops the nodes (side by side: each may take seconds) and then Redis; does nothing the second time. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closing = true;
        out.println();
        out.println("Stopping " + nodes.size() + " Payara Micro nodes and Redis...");
        List<Thread> stoppers = nodes.stream().map(node -> new Thread(node::close, "stop " + node)).toList();
        stoppers.forEach(Thread::start);
        stoppers.forEach(DemoCluster::join);
        if (redis != null) {
            redis.close();
        }
        closed = true;
        boolean allGone = nodes.stream().noneMatch(PayaraNode::isRunning) && (redis == null || !redis.isRunning());
        out.println(allGone ? "Stopped: no process of the demo is left." : "Some process of the demo is still running!");
    }

    private boolean closingWithin(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!closing && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return closing;
            }
        }
        return closing;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook runs anyway and finds the cluster closed.
        }
    }
}
