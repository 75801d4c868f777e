package io.jakartaredis.limiter.demo.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.jakartaredis.limiter.demo.cluster.PayaraNode;
import io.jakartaredis.limiter.demo.cluster.PayaraNodeSettings;
import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * One Redis and two Payara Micro nodes with the demo WAR, configured alike but for one property:
 * on the {@code limited} node rule {@code hello} applies to {@code GET /api/hello} with the policy
 * {@code generous}; on the {@code bare} node the same rule applies to {@code POST} only, so a
 * {@code GET} passes the same filter, which matches no rule and asks Redis nothing. Both nodes also
 * have rule {@code spent} ({@code /api/quote}, one request per hour, one global bucket), so that
 * requests to it are rejected once its only token is taken. Both pipeline as {@code load.pipelining}
 * says ({@code limiter.redis.pipelining}; on unless {@code -Dload.pipelining=false}).
 */
final class LoadNodes implements AutoCloseable {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    /** The default JIT (C2), as a server would run; the serial collector avoids two JVMs' GC threads fighting over 2 cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    private final RedisServer redis;
    private final PayaraNode limited;
    private final PayaraNode bare;
    private boolean closed;

    private LoadNodes(RedisServer redis, PayaraNode limited, PayaraNode bare) {
        this.redis = redis;
        this.limited = limited;
        this.bare = bare;
    }

    /** Starts Redis and both nodes (side by side) and waits until both have deployed the WAR. */
    static LoadNodes start(LoadSettings settings) {
        RedisServer redis = RedisServer.start();
        PayaraNode limited = null;
        PayaraNode bare = null;
        try {
            limited = PayaraNode.start(nodeSettings(settings, redis, "node-a", "GET"));
            bare = PayaraNode.start(nodeSettings(settings, redis, "node-b", "POST"));
            limited.awaitReady(BOOT_TIMEOUT);
            bare.awaitReady(BOOT_TIMEOUT);
            return new LoadNodes(redis, limited, bare);
        } catch (RuntimeException e) {
            new LoadNodes(redis, limited, bare).close();
            throw e;
        }
    }

    /** Node names of equal length: both nodes answer {@code hello from node-?} with bodies of the same size. */
    private static PayaraNodeSettings nodeSettings(LoadSettings settings, RedisServer redis, String name, String helloMethods) {
        PayaraNodeSettings node = PayaraNodeSettings.of(settings.microJar(), settings.war(), RedisServer.freePort(),
                        settings.rootDirOf(name))
                .withJvmOptions(JVM_OPTIONS)
                .withPrebootCommands(settings.preboot())
                .withSystemProperty("limiter.redis.url", redis.url())
                .withSystemProperty("demo.node", name)
                .withSystemProperty("limiter.redis.pipelining", Boolean.toString(settings.pipelining()))
                .withSystemProperty("limiter.web.rules.hello.methods", helloMethods);
        for (Map.Entry<String, String> property : sharedRules().entrySet()) {
            node = node.withSystemProperty(property.getKey(), property.getValue());
        }
        return node;
    }

    /**
     * Rule {@code hello} (pattern {@code /api/hello}, key {@code ip}) comes from the WAR; only its policy changes.
     * {@code on-failure=closed}: a request that Redis could not decide in time answers 503 and fails the run,
     * instead of being admitted without Redis (the default, {@code open}) and flattering the limited case.
     */
    static Map<String, String> sharedRules() {
        return Map.of(
                "limiter.on-failure", "closed",
                "limiter.policy.generous.limits", "100000000/1h",
                "limiter.web.rules.hello.policy", "generous",
                "limiter.policy.spent.limits", "1/1h",
                "limiter.web.rules.spent.pattern", "/api/quote",
                "limiter.web.rules.spent.policy", "spent",
                "limiter.web.rules.spent.key", "global");
    }

    PayaraNode limited() {
        return limited;
    }

    PayaraNode bare() {
        return bare;
    }

    /** Stops both nodes side by side (each may take seconds), then Redis; does nothing the second time. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Thread> stoppers = Stream.of(limited, bare).filter(Objects::nonNull)
                .map(node -> new Thread(node::close, "stop " + node)).toList();
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        redis.close();
    }
}
