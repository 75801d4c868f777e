package io.jakartaredis.limiter.demo.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A full Payara Server (for EAR deployments, which Payara Micro does not take), driven with its
 * own {@code asadmin}: a fresh domain under a port base, started, given an archive, stopped.
 */
public final class PayaraServer implements AutoCloseable {

    private static final long COMMAND_TIMEOUT_SECONDS = 240;

    private final Path home;
    private final Path domainDir;
    private final String domain;
    private final int portBase;

    private PayaraServer(Path home, Path domainDir, String domain, int portBase) {
        this.home = home;
        this.domainDir = domainDir;
        this.domain = domain;
        this.portBase = portBase;
    }

    /**
     * Creates and starts a domain whose ports are {@code portBase + 48} (admin), {@code + 80}
     * (HTTP) and the other offsets of {@code asadmin create-domain --portbase}.
     *
     * @param home the unpacked distribution: the directory holding {@code bin/asadmin}
     */
    public static PayaraServer start(Path home, Path domainDir, String domain, int portBase) {
        PayaraServer server = new PayaraServer(home, domainDir, domain, portBase);
        try {
            PayaraNode.deleteTree(domainDir.resolve(domain)); // a domain left by an earlier run
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.asadmin("--user", "admin", "create-domain", "--nopassword", "--portbase", Integer.toString(portBase),
                "--domaindir", domainDir.toString(), domain);
        server.asadmin("start-domain", "--domaindir", domainDir.toString(), domain);
        return server;
    }

    /** Deploys an EAR or WAR; its name (without extension) becomes the application name. */
    public void deploy(Path archive) {
        asadmin("--port", Integer.toString(adminPort()), "deploy", archive.toString());
    }

    public int httpPort() {
        return portBase + 80;
    }

    public int adminPort() {
        return portBase + 48;
    }

    /** The domain's server log, for failure messages. */
    public String log() {
        try {
            return Files.readString(domainDir.resolve(domain).resolve("logs/server.log"));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        asadmin("stop-domain", "--kill", "--domaindir", domainDir.toString(), domain);
    }

    private void asadmin(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/asadmin").toString());
        command.add("--interactive=false");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
