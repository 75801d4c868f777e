package io.jakartaredis.limiter.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a {@code redis-server} executable of at least {@value #MINIMUM_MAJOR}.0, the oldest Redis
 * the limiter's script runs on ({@code PEXPIRETIME}): the {@code REDIS_SERVER} environment
 * variable, else {@code redis-server} on the {@code PATH}.
 */
public final class RedisBinary {

    static final int MINIMUM_MAJOR = 7;
    private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final String HOW_TO_INSTALL = "install Redis " + MINIMUM_MAJOR + ".0 or newer"
            + " (apt-get install redis-server, brew install redis) or set REDIS_SERVER to its redis-server";

    private static volatile Path cached;

    private RedisBinary() {
    }

    /** The executable to start, checked once to be recent enough. */
    public static Path locate() {
        Path found = cached;
        if (found == null) {
            found = fromEnvironment().or(RedisBinary::fromPath)
                    .orElseThrow(() -> new IllegalStateException("no redis-server found: " + HOW_TO_INSTALL));
            requireSupportedVersion(found, version(found));
            cached = found;
        }
        return found;
    }

    /** The {@code redis-cli} next to the located server, when there is one. */
    public static Optional<Path> cli() {
        Path sibling = locate().resolveSibling("redis-cli");
        return Files.isExecutable(sibling) ? Optional.of(sibling) : onPath("redis-cli");
    }

    /** What {@code redis-server --version} prints, e.g. {@code Redis server v=7.0.15 sha=…}. */
    static String version(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable + " --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + executable + " --version", e);
        }
    }

    static void requireSupportedVersion(Path executable, String versionOutput) {
        Matcher version = VERSION.matcher(versionOutput);
        if (!version.find()) {
            throw new IllegalStateException(executable + " does not print a Redis version (" + versionOutput + "): "
                    + HOW_TO_INSTALL);
        }
        if (Integer.parseInt(version.group(1)) < MINIMUM_MAJOR) {
            throw new IllegalStateException(executable + " is Redis " + version.group(1) + "." + version.group(2)
                    + "." + version.group(3) + "; the limiter needs " + MINIMUM_MAJOR + ".0 or newer: " + HOW_TO_INSTALL);
        }
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
}
