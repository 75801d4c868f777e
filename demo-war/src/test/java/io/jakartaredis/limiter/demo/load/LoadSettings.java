package io.jakartaredis.limiter.demo.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the load run does, from system properties that the Maven profile {@code http-load} sets;
 * the defaults suit a run from the {@code demo-war} directory.
 *
 * @param microJar       {@code payara.microJar}
 * @param war            {@code demo.war}; the nodes' files go beside it (into {@code target/})
 * @param preboot        {@code payara.preboot}: the pre-boot commands that keep Payara on 127.0.0.1
 * @param report         {@code load.report}: where the Markdown report goes, {@code target/http-load.md}
 * @param payaraVersion  {@code payara.version}, for the report only
 * @param users          {@code load.users}: concurrent virtual users, 16 by default
 * @param warmup         {@code load.warmupSeconds}: unmeasured load per case before the rounds, 50 s by default (much less leaves three JVMs on two cores still compiling)
 * @param round          {@code load.roundSeconds}: one measured stretch of one case, 3 s by default
 * @param rounds         {@code load.rounds}: measured stretches per case, 10 by default: the report's ratios are medians of the rounds
 * @param maxRequests    {@code load.maxRequestsPerRound}: a stretch also ends after this many requests
 * @param pipelining     {@code load.pipelining}: {@code limiter.redis.pipelining} on both nodes, {@code true} unless set
 */
record LoadSettings(Path microJar, Path war, Path preboot, Path report, String payaraVersion, int users,
        Duration warmup, Duration round, int rounds, int maxRequests, boolean pipelining) {

    LoadSettings {
        if (users < 1 || rounds < 1 || maxRequests < 1) {
            throw new IllegalArgumentException("load.users, load.rounds and load.maxRequestsPerRound must be > 0, were "
                    + users + ", " + rounds + ", " + maxRequests);
        }
    }

    static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                file("payara.microJar", "target/payara-micro.jar"),
                file("demo.war", "target/demo.war"),
                file("payara.preboot", "src/test/resources/payara-preboot.txt"),
                file("load.report", "target/http-load.md"),
                System.getProperty("payara.version", "unknown"),
                Integer.getInteger("load.users", 16),
                Duration.ofSeconds(Integer.getInteger("load.warmupSeconds", 50)),
                Duration.ofSeconds(Integer.getInteger("load.roundSeconds", 3)),
                Integer.getInteger("load.rounds", 10),
                Integer.getInteger("load.maxRequestsPerRound", 1_000_000),
                bool("load.pipelining", true));
    }

    /** Stops the run before anything starts when a file is missing. */
    void checkRunnable() {
        for (Path file : List.of(microJar, war, preboot)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: run ./mvnw -q -Phttp-load -pl demo-war -am package"
                        + " -DskipTests, which builds it");
            }
        }
    }

    /** The root directory of a node: {@code target/load-node-<name>}. */
    Path rootDirOf(String nodeName) {
        return war.toAbsolutePath().resolveSibling("load-" + nodeName);
    }

    private static boolean bool(String property, boolean fallback) {
        String value = System.getProperty(property, Boolean.toString(fallback)).strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(property + " must be true or false, was " + value);
        }
        return Boolean.parseBoolean(value);
    }

    private static Path file(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath();
    }
}
