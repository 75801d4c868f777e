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
 * The Markdown report of a load run: one row per case over all rounds, the ratios of the generous
 * limit to no rule round by round, and the checks, with PASS or FAIL against the targets (the
 * medians over the rounds: throughput at least 0.85 of that under no rule, p99 at most 1.3 times).
 */
final class LoadReport {

    static final double THROUGHPUT_RATIO_TARGET = 0.85;
    static final double P99_RATIO_TARGET = 1.3;

    private LoadReport() {
    }

    /** The report; {@code rounds} in the order of {@link LoadCase#of}: no rule, generous limit, exhausted limit. */
    static String markdown(LoadSettings settings, Map<LoadCase, List<Measurement>> rounds, long loadSeconds) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d virtual users (JDK HttpClient, HTTP/1.1, keep-alive, closed loop), "
                        + "%d s warm-up per case, then %d rounds × %d s per case in alternating order (%d s of load in all); "
                        + "Payara Micro %s, %s. Pipelining %s.%n%n", settings.users(), settings.warmup().toSeconds(), settings.rounds(),
                settings.round().toSeconds(), loadSeconds, settings.payaraVersion(), machine(), pipelining(settings)));
        md.append("| case | request | requests | requests/s | p50 ms | p99 ms | answers |\n");
        md.append("|---|---|---:|---:|---:|---:|---|\n");
        rounds.forEach((loadCase, stretches) -> {
            Measurement m = total(stretches);
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %.2f | %.2f | %s |%n", loadCase.name(), loadCase.what(),
                    m.requests(), m.throughputPerSecond(), m.latencyMillis(0.5), m.latencyMillis(0.99), m.describeStatuses()));
        });
        List<List<Measurement>> cases = List.copyOf(rounds.values());
        checks(md, cases.get(0), cases.get(1), cases.get(2));
        return md.toString();
    }

    private static void checks(StringBuilder md, List<Measurement> bare, List<Measurement> limited, List<Measurement> rejected) {
        RoundRatios throughput = RoundRatios.of(limited, bare, Measurement::throughputPerSecond);
        RoundRatios p99 = RoundRatios.of(limited, bare, m -> m.latencyMillis(0.99));
        md.append("\nEach ratio is taken per round, between the two stretches that ran next to each other, and the check ")
                .append("uses the median over the rounds; the ratio of all rounds' requests together is shown beside it.\n\n")
                .append("| check | measured (median of rounds) | per round | all rounds together | target | result |\n")
                .append("|---|---:|---|---:|---|---|\n");
        md.append(row("generous limit / no rule: throughput", throughput, total(limited).throughputPerSecond()
                / total(bare).throughputPerSecond(), "≥", THROUGHPUT_RATIO_TARGET, throughput.median() >= THROUGHPUT_RATIO_TARGET));
        md.append(row("generous limit / no rule: p99 latency", p99, total(limited).latencyMillis(0.99)
                / total(bare).latencyMillis(0.99), "≤", P99_RATIO_TARGET, p99.median() <= P99_RATIO_TARGET));
        RoundRatios rejectedThroughput = RoundRatios.of(rejected, bare, Measurement::throughputPerSecond);
        md.append(String.format(Locale.ROOT, "| exhausted limit / no rule: throughput | %.2f | %s | %.2f | (information) | |%n",
                rejectedThroughput.median(), rejectedThroughput.describeRange(),
                total(rejected).throughputPerSecond() / total(bare).throughputPerSecond()));
    }

    private static String row(String what, RoundRatios ratios, double together, String comparison, double target, boolean met) {
        return String.format(Locale.ROOT, "| %s | %.2f | %s | %.2f | %s %.2f | %s |%n", what, ratios.median(),
                ratios.describeRange(), together, comparison, target, met ? "PASS" : "**FAIL**");
    }

    /** The stretches of one case as one measurement. */
    static Measurement total(List<Measurement> stretches) {
        return stretches.stream().reduce(Measurement.empty(), Measurement::plus);
    }

    private static String pipelining(LoadSettings settings) {
        return settings.pipelining() ? "on (`limiter.redis.pipelining=true`)"
                : "off (`limiter.redis.pipelining=false`, the limiter's default, from `-Dload.pipelining=false`)";
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
