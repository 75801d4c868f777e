package io.jakartaredis.limiter.demo.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Markdown report of a load run: one row per case, then the checks, with PASS or FAIL against
 * the targets (throughput under a generous limit at least 0.85 of that under no rule).
 */
final class LoadReport {

    static final double THROUGHPUT_RATIO_TARGET = 0.85;

    private LoadReport() {
    }

    /** The report; {@code results} in the order of {@link LoadCase#of}: no rule, generous limit, exhausted limit. */
    static String markdown(LoadSettings settings, Map<LoadCase, Measurement> results, long loadSeconds) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d virtual users (JDK HttpClient, HTTP/1.1, keep-alive, closed loop), "
                        + "%d s warm-up per case, then %d rounds × %d s per case in alternating order (%d s of load in all); "
                        + "Payara Micro %s, %s.%n%n", settings.users(), settings.warmup().toSeconds(), settings.rounds(),
                settings.round().toSeconds(), loadSeconds, settings.payaraVersion(), machine()));
        md.append("| case | request | requests | requests/s | p50 ms | p99 ms | answers |\n");
        md.append("|---|---|---:|---:|---:|---:|---|\n");
        results.forEach((loadCase, m) -> md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %.2f | %.2f | %s |%n",
                loadCase.name(), loadCase.what(), m.requests(), m.throughputPerSecond(), m.latencyMillis(0.5),
                m.latencyMillis(0.99), m.describeStatuses())));
        List<Measurement> measured = List.copyOf(results.values());
        Measurement bare = measured.get(0);
        Measurement limited = measured.get(1);
        Measurement rejected = measured.get(2);
        double ratio = limited.throughputPerSecond() / bare.throughputPerSecond();
        md.append("\n| check | measured | target | result |\n|---|---:|---|---|\n");
        md.append(String.format(Locale.ROOT, "| generous limit / no rule: throughput | %.2f | ≥ %.2f | %s |%n",
                ratio, THROUGHPUT_RATIO_TARGET, ratio >= THROUGHPUT_RATIO_TARGET ? "PASS" : "**FAIL**"));
        md.append(String.format(Locale.ROOT, "| generous limit / no rule: p99 latency | %.2f | (reported) | |%n",
                limited.latencyMillis(0.99) / bare.latencyMillis(0.99)));
        md.append(String.format(Locale.ROOT, "| exhausted limit / no rule: throughput | %.2f | (reported) | |%n",
                rejected.throughputPerSecond() / bare.throughputPerSecond()));
        return md.toString();
    }

    static String machine() {
        return String.format(Locale.ROOT, "%d cores%s, Java %s, %s %s", Runtime.getRuntime().availableProcessors(),
                cpuModel(), System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** The CPU model from Linux's {@code /proc/cpuinfo}, or nothing elsewhere. */
    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> " " + line.substring(line.indexOf(':') + 1).strip()).orElse("");
        } catch (IOException | UncheckedIOException notLinux) {
            return "";
        }
    }
}
