package io.jakartaredis.limiter.testkit;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one real {@code redis-server} per test class and kills it afterwards, even when a test
 * fails. Each test starts with an empty server (keys and scripts flushed).
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RedisServerExtension REDIS = new RedisServerExtension();
 * </pre>
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final List<String> extraArgs;
    private RedisServer server;

    /** @param extraArgs extra {@code redis-server} arguments, e.g. {@code "--requirepass", "secret"} */
    public RedisServerExtension(String... extraArgs) {
        this.extraArgs = List.of(extraArgs);
    }

    /** The running server of the current test class. */
    public RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("the Redis server starts before all tests; register the extension as a static field");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start(extraArgs.toArray(String[]::new));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!server.isRunning()) {
            server.restart();
        }
        server.flushAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
