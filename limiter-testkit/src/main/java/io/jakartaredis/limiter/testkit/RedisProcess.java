package io.jakartaredis.limiter.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} child process started with any arguments (a config file, {@code --sentinel},
 * TLS ports) whose readiness is read from its log, so that it needs no client of its own kind.
 * {@link RedisServer} remains the simple case: one plain server that answers {@code PING}.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final Path workDir;
    private final int port;
    private Process process;

    private RedisProcess(Path workDir, int port) {
        this.workDir = workDir;
        this.port = port;
    }

    /**
     * Starts {@code redis-server <args>} in {@code workDir}, its log in {@code redis.log} there, and
     * waits until it logs that it accepts connections.
     *
     * @param port the port it listens on, for {@link #port()}
     */
    public static RedisProcess start(Path workDir, int port, List<String> args) {
        RedisProcess redis = new RedisProcess(workDir, port);
        redis.launch(args);
        return redis;
    }

    /** A new temporary directory for a process's files. */
    public static Path newWorkDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Path workDir() {
        return workDir;
    }

    /** The operating system's process id, e.g. for signals. */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, like a crash. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** The process's log, for failure messages. */
    public String log() {
        return logOf(workDir);
    }

    /** The log that a process started in {@code workDir} writes, or why there is none. */
    static String logOf(Path workDir) {
        try {
            return Files.readString(workDir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process and deletes its working directory. */
    @Override
    public void close() {
        kill();
        deleteWorkDir(workDir);
    }

    /** Deletes a working directory and everything in it. */
    static void deleteWorkDir(Path workDir) {
        try (var files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + workDir, e);
        }
    }

    private void launch(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(RedisBinary.locate().toString());
        command.addAll(args);
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        ProcessReaper.register(process);
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!isReady(log())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("redis-server " + args + " did not start: " + log());
            }
            Waiting.sleep(20);
        }
    }

    /** A server logs that it is ready; a Sentinel, that it runs (after it opened its port). */
    private static boolean isReady(String log) {
        return log.contains("Ready to accept connections") || log.contains("Sentinel ID is");
    }

    @Override
    public String toString() {
        return "redis-server on " + RedisServer.HOST + ":" + port;
    }
}
