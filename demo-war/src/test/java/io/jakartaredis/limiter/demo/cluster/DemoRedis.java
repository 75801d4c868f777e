package io.jakartaredis.limiter.demo.cluster;

import java.nio.file.Path;
import java.util.List;

import io.jakartaredis.limiter.testkit.RedisBinary;
import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * Starts the demo's Redis with the test kit: the {@code redis-server} of {@code REDIS_SERVER} or
 * the {@code PATH}, else the bundled binary; on the usual port 6379 when it is free, so that a
 * {@code redis-cli} finds it without options, else on a free port.
 */
final class DemoRedis {

    static final int USUAL_PORT = 6379;

    private DemoRedis() {
    }

    static RedisServer start() {
        if (LoopbackPorts.isFree(USUAL_PORT)) {
            try {
                return RedisServer.start(USUAL_PORT, List.of());
            } catch (IllegalStateException takenMeanwhile) {
                System.out.println("Port " + USUAL_PORT + " was taken meanwhile; Redis takes a free port.");
            }
        }
        return RedisServer.start();
    }

    /** Which binary runs and where it came from, e.g. "/usr/bin/redis-server (found on the PATH)". */
    static String describeBinary() {
        Path binary = RedisBinary.locate();
        String environment = System.getenv("REDIS_SERVER");
        if (environment != null && !environment.isBlank()) {
            return binary + " (from REDIS_SERVER)";
        }
        // The test kit extracts its bundled binary to a temporary file.
        boolean bundled = binary.startsWith(Path.of(System.getProperty("java.io.tmpdir")));
        return binary + (bundled ? " (bundled with the test kit: no redis-server on the PATH)" : " (found on the PATH)");
    }
}
