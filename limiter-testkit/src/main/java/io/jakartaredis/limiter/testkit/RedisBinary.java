package io.jakartaredis.limiter.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a {@code redis-server} executable: the {@code REDIS_SERVER} environment variable, else
 * {@code redis-server} on the {@code PATH}, else the binary bundled in embedded-redis, so that a
 * machine with only a JDK can run the tests.
 */
public final class RedisBinary {

    private static volatile Path cached;

    private RedisBinary() {
    }

    /** The executable to start; extracted to a temporary file when it comes from the bundle. */
    public static Path locate() {
        Path found = cached;
        if (found == null) {
            found = fromEnvironment().or(RedisBinary::fromPath).orElseGet(RedisBinary::extractBundled);
            cached = found;
        }
        return found;
    }

    /** The {@code redis-cli} next to the located server, when there is one. */
    public static Optional<Path> cli() {
        Path sibling = locate().resolveSibling("redis-cli");
        return Files.isExecutable(sibling) ? Optional.of(sibling) : onPath("redis-cli");
    }

    private static Optional<Path> fromEnvironment() {
        return Optional.ofNullable(System.getenv("REDIS_SERVER")).filter(s -> !s.isBlank()).map(Path::of);
    }

    private static Optional<Path> fromPath() {
        return onPath("redis-server");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static Path extractBundled() {
        String resource = bundledResourceName();
        try (InputStream in = RedisBinary.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server found: set REDIS_SERVER, put redis-server on the PATH,"
                        + " or use a platform that embedded-redis bundles (missing " + resource + ")");
            }
            Path target = Files.createTempFile("redis-server-", "");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            if (!target.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + target + " executable");
            }
            target.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled redis-server", e);
        }
    }

    private static String bundledResourceName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        boolean arm = System.getProperty("os.arch").contains("aarch64") || System.getProperty("os.arch").contains("arm");
        if (os.contains("mac")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
    }
}
