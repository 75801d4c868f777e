package io.jakartaredis.limiter.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real {@code redis-server} child process on a free loopback port, without persistence.
 * It can be stopped, restarted on the same port, frozen (SIGSTOP) and flushed.
 */
public final class RedisServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> extraArgs;
    private final String password;
    private final Path workDir;
    private final int port;
    private RedisProcess process;

    private RedisServer(int port, List<String> extraArgs, String password) {
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        this.password = password;
        this.workDir = RedisProcess.newWorkDir("redis-test-");
    }

    /**
     * Starts a server with the given extra {@code redis-server} arguments on a free port, trying
     * another port when the chosen one was taken in the meantime.
     */
    public static RedisServer start(String... extraArgs) {
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return start(freePort(), List.of(extraArgs));
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    /** Starts a server on the given port; {@code --requirepass} among the arguments is used for admin commands. */
    public static RedisServer start(int port, List<String> extraArgs) {
        RedisServer server = new RedisServer(port, extraArgs, passwordIn(extraArgs));
        server.launch();
        return server;
    }

    /**
     * Starts a replica of {@code master} (read-only, as replicas are by default) and waits until it
     * has synchronized, so that what the master holds can be read from it.
     */
    public static RedisServer replicaOf(RedisServer master) {
        RedisServer replica = start("--replicaof", HOST, Integer.toString(master.port()));
        Waiting.until("the replica has synchronized with " + master, STARTUP_TIMEOUT, replica::isInSync, replica::log);
        return replica;
    }

    private boolean isInSync() {
        try (Jedis jedis = admin()) {
            return jedis.info("replication").contains("master_link_status:up");
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return HOST;
    }

    /** {@code redis://127.0.0.1:<port>}, without credentials. */
    public String url() {
        return "redis://" + HOST + ":" + port;
    }

    public Path workDir() {
        return workDir;
    }

    public boolean isRunning() {
        return process != null && process.isRunning();
    }

    /** Stops the process (SIGKILL: like a crash, nothing is saved). */
    public void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    /** Starts the server again on the same port with the same arguments, empty. */
    public void restart() {
        kill();
        launch();
    }

    /** Freezes the process with SIGSTOP: connections stay open but nothing is answered. */
    public void freeze() {
        signal("STOP");
    }

    /** Resumes a frozen process. */
    public void resume() {
        signal("CONT");
    }

    /** Deletes every key and every loaded script. */
    public void flushAll() {
        try (Jedis jedis = admin()) {
            jedis.flushAll();
            jedis.scriptFlush();
        }
    }

    /** An authenticated connection for test assertions; the caller closes it. */
    public Jedis admin() {
        var config = DefaultJedisClientConfig.builder().password(password).timeoutMillis(2000).build();
        return new Jedis(new HostAndPort(HOST, port), config);
    }

    /** Kills the server and deletes its working directory. */
    @Override
    public void close() {
        kill();
        RedisProcess.deleteWorkDir(workDir);
    }

    private void launch() {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", HOST, "--save", "",
                "--appendonly", "no", "--dir", workDir.toString(), "--daemonize", "no"));
        args.addAll(extraArgs);
        process = RedisProcess.start(workDir, port, args);
        Waiting.until("redis-server answers PING", STARTUP_TIMEOUT, this::answersPing, this::log);
    }

    private boolean answersPing() {
        try (Jedis jedis = admin()) {
            return "PONG".equals(jedis.ping());
        }
    }

    /** The server's own log, for failure messages. */
    public String log() {
        return RedisProcess.logOf(workDir);
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String passwordIn(List<String> args) {
        int i = args.indexOf("--requirepass");
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "redis-server on " + HOST + ":" + port;
    }
}
