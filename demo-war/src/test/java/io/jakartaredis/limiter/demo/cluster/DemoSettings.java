package io.jakartaredis.limiter.demo.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the demo runs, from system properties that the Maven profile {@code demo} sets; the
 * defaults suit a run from the {@code demo-war} directory.
 *
 * @param batch     {@code demo.batch}: fire the bursts, print the tables and stop, instead of waiting for Ctrl-C
 * @param microJar  {@code payara.microJar}
 * @param war       {@code demo.war}; the nodes' files go beside it (into {@code target/})
 * @param preboot   {@code payara.preboot}: the pre-boot commands that keep Payara on 127.0.0.1
 * @param ports     {@code demo.ports}: one HTTP port per node, comma-separated, {@code 8080,8081} by default
 */
record DemoSettings(boolean batch, Path microJar, Path war, Path preboot, List<Integer> ports) {

    static DemoSettings fromSystemProperties() {
        return new DemoSettings(
                Boolean.parseBoolean(System.getProperty("demo.batch", "false")),
                file("payara.microJar", "target/payara-micro.jar"),
                file("demo.war", "target/demo.war"),
                file("payara.preboot", "src/test/resources/payara-preboot.txt"),
                Arrays.stream(System.getProperty("demo.ports", "8080,8081").split(","))
                        .map(String::strip).map(Integer::valueOf).toList());
    }

    /** Stops the demo before anything starts when a file is missing or a port is taken. */
    void checkRunnable() {
        for (Path file : List.of(microJar, war, preboot)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: run the demo with ./demo.sh, which builds it");
            }
        }
        for (int port : ports) {
            if (!LoopbackPorts.isFree(port)) {
                throw new IllegalStateException("port " + port + " of 127.0.0.1 is in use: stop what listens there,"
                        + " or choose other ports with -Ddemo.ports=9080,9081");
            }
        }
    }

    /** The root directory of the node on the given port: {@code target/demo-node-<port>}. */
    Path rootDirOf(int port) {
        return war.toAbsolutePath().resolveSibling("demo-node-" + port);
    }

    private static Path file(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath();
    }
}
