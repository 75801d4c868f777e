package io.jakartaredis.limiter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line on what the numbers were measured on. */
final class Machine {

    private Machine() {
    }

    static String describe(String redisVersion) {
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap in the harness; Java "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + "); Redis "
                + redisVersion + "; " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ".";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
