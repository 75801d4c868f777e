package io.jakartaredis.limiter.demo.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * One Payara Micro server in a JVM of its own, serving one WAR on one port, without clustering:
 * nodes share state only through what the application shares (here, Redis). Start it with
 * {@link #start(PayaraNodeSettings)}, wait with {@link #awaitReady(Duration)}, stop it with
 * {@link #close()}; a shutdown hook stops it too when this JVM exits, even on Ctrl-C.
 */
public final class PayaraNode implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(250);

    private final PayaraNodeSettings settings;
    private final PayaraConsole console;
    private final Process process;
    private final Thread stopOnExit;
    private boolean stopped;

    private PayaraNode(PayaraNodeSettings settings, Process process) {
        this.settings = settings;
        this.console = new PayaraConsole(settings.log());
        this.process = process;
        this.stopOnExit = new Thread(this::stop, "stop payara-micro on port " + settings.port());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the node's JVM (the same {@code java} as this JVM's) in a freshly emptied root directory
     * and returns at once; its console goes to {@link PayaraNodeSettings#log()}.
     *
     * @throws UncheckedIOException when the files cannot be written or the JVM cannot be started
     */
    public static PayaraNode start(PayaraNodeSettings settings) {
        try {
            deleteTree(settings.rootDir());
            Files.createDirectories(settings.rootDir());
            writeSystemProperties(settings);
            Process process = new ProcessBuilder(command(settings))
                    .redirectErrorStream(true)
                    .redirectOutput(settings.log().toFile())
                    .start();
            try {
                return new PayaraNode(settings, process);
            } catch (IllegalStateException shutdownInProgress) {
                // Too late for a shutdown hook: stop the node here rather than leave it orphaned.
                ProcessTree.stop(process, STOP_GRACE);
                throw shutdownInProgress;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Payara Micro on port " + settings.port(), e);
        }
    }

    /**
     * Waits until Payara Micro has booted and deployed the WAR.
     *
     * @throws IllegalStateException when the node exits, fails to deploy the WAR or is not ready in
     *                               time; the message carries the relevant lines of its log
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!console.isReady()) {
            if (!process.isAlive()) {
                throw failure("exited with status " + process.exitValue() + " before it was ready");
            }
            if (System.nanoTime() > deadline) {
                throw failure("was not ready within " + timeout.toSeconds() + " s");
            }
            sleep(POLL);
        }
        if (console.hasDeploymentFailure() || !console.hasDeployed(settings.applicationName())) {
            throw failure("booted without deploying " + settings.war().getFileName() + ":\n  " + console.failureLines());
        }
    }

    public int port() {
        return settings.port();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + settings.port();
    }

    public Path log() {
        return settings.log();
    }

    public PayaraNodeSettings settings() {
        return settings;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Completes when the node's JVM has exited, for whatever reason. */
    public CompletableFuture<PayaraNode> onExit() {
        return process.onExit().thenApply(p -> this);
    }

    /** Stops the node's JVM (and anything it started): gracefully, then by force after 20 s. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or about to: it finds the node stopped.
        }
    }

    private synchronized void stop() {
        if (!stopped) {
            ProcessTree.stop(process, STOP_GRACE);
            stopped = true;
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("Payara Micro on port " + settings.port() + " " + what
                + "; last lines of " + settings.log() + ":\n" + console.tail(30));
    }

    private static List<String> command(PayaraNodeSettings settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmOptions());
        command.addAll(List.of("-jar", settings.microJar().toString(),
                "--deploy", settings.war().toString(),
                "--contextroot", settings.contextRoot(),
                "--port", Integer.toString(settings.port()),
                "--nocluster",
                "--rootdir", settings.rootDir().toString(),
                "--systemProperties", settings.systemPropertiesFile().toString()));
        settings.prebootCommands().ifPresent(file -> command.addAll(List.of("--prebootcommandfile", file.toString())));
        return command;
    }

    private static void writeSystemProperties(PayaraNodeSettings settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings.systemProperties());
        try (Writer out = Files.newBufferedWriter(settings.systemPropertiesFile(), StandardCharsets.ISO_8859_1)) {
            properties.store(out, "system properties of Payara Micro on port " + settings.port());
        }
    }

    /** A root directory left by an earlier run would keep that run's domain configuration. */
    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Payara Micro", e);
        }
    }

    @Override
    public String toString() {
        return "Payara Micro on " + baseUrl();
    }
}
