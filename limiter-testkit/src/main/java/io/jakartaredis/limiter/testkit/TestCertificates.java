package io.jakartaredis.limiter.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with {@code openssl}: a trusted CA and a server certificate for
 * {@code 127.0.0.1} and {@code localhost} signed by it, a certificate for another host name signed
 * by the same CA, and a rogue CA with a server certificate for {@code 127.0.0.1}.
 *
 * @param dir        where the PEM files are
 * @param caCert     the trusted CA's certificate
 * @param serverCert the server certificate (127.0.0.1, localhost) signed by the trusted CA
 * @param serverKey  its key
 * @param otherNameCert a certificate for {@code redis.invalid} only, signed by the trusted CA
 * @param otherNameKey  its key
 * @param rogueCert  a certificate for 127.0.0.1 signed by a CA that nobody trusts
 * @param rogueKey   its key
 */
public record TestCertificates(Path dir, Path caCert, Path serverCert, Path serverKey, Path otherNameCert,
                               Path otherNameKey, Path rogueCert, Path rogueKey) {

    private static final String LOCAL_NAMES = "subjectAltName=IP:127.0.0.1,DNS:localhost";

    /** Whether {@code openssl} can be run. */
    public static boolean opensslAvailable() {
        try {
            return run(Path.of(System.getProperty("java.io.tmpdir")), List.of("openssl", "version")) == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Creates every certificate in a new temporary directory. */
    public static TestCertificates create() {
        Path dir = RedisProcess.newWorkDir("redis-tls-");
        ca(dir, "ca", "Limiter Test CA");
        ca(dir, "rogue-ca", "Rogue CA");
        signed(dir, "server", "ca", LOCAL_NAMES);
        signed(dir, "other-name", "ca", "subjectAltName=DNS:redis.invalid");
        signed(dir, "rogue", "rogue-ca", LOCAL_NAMES);
        return new TestCertificates(dir, dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                dir.resolve("other-name.pem"), dir.resolve("other-name.key"), dir.resolve("rogue.pem"),
                dir.resolve("rogue.key"));
    }

    private static void ca(Path dir, String name, String commonName) {
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".pem", "-days", "2", "-subj", "/CN=" + commonName);
    }

    private static void signed(Path dir, String name, String ca, String extension) {
        try {
            Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        if (run(dir, command) != 0) {
            throw new IllegalStateException("failed: " + command + " in " + dir);
        }
    }

    private static int run(Path dir, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code redis-server} arguments for a TLS-only server on {@code port} presenting {@code cert}. */
    public List<String> tlsServerArgs(int port, Path cert, Path key) {
        return List.of("--port", "0", "--tls-port", Integer.toString(port), "--bind", RedisServer.HOST,
                "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(),
                "--tls-ca-cert-file", caCert.toString(), "--tls-auth-clients", "no",
                "--save", "", "--appendonly", "no", "--daemonize", "no");
    }
}
