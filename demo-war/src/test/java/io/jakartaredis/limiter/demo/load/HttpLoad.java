package io.jakartaredis.limiter.demo.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP end-to-end load run: starts Redis and two Payara Micro nodes ({@link LoadNodes}), warms
 * every {@link LoadCase} up, then measures them in rounds whose order alternates (A B C, C B A, …)
 * so that drift of the shared machine hits all cases alike, and writes the Markdown report, whose
 * ratios are medians of the rounds' ({@link RoundRatios}). It fails when any measured answer has
 * another status than its case expects; a ratio that misses its target is reported, not thrown.
 */
public final class HttpLoad {

    private HttpLoad() {
    }

    /**
     * Runs the load as the system properties say (see {@link LoadSettings}).
     *
     * @throws IllegalStateException when something cannot start or a case got unexpected answers
     */
    public static void main(String[] args) {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        settings.checkRunnable();
        long bootStart = System.nanoTime();
        try (LoadNodes nodes = LoadNodes.start(settings); VirtualUsers users = new VirtualUsers(settings.users())) {
            Thread stopOnExit = new Thread(nodes::close, "stop the load run's nodes");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            System.out.printf("Redis and two Payara Micro nodes ready after %d s%n", elapsedSeconds(bootStart));
            List<LoadCase> cases = LoadCase.of(nodes);
            long loadStart = System.nanoTime();
            Map<LoadCase, List<Measurement>> results = measure(cases, users, settings);
            String report = LoadReport.markdown(settings, results, elapsedSeconds(loadStart));
            write(settings, report);
            System.out.println(report);
            checkStatuses(results);
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
    }

    /** Every case's measured stretches, round by round, in the order of {@code cases}. */
    private static Map<LoadCase, List<Measurement>> measure(List<LoadCase> cases, VirtualUsers users, LoadSettings settings) {
        for (LoadCase loadCase : cases) {
            System.out.printf("warm-up %-16s %d s%n", loadCase.name(), settings.warmup().toSeconds());
            users.run(loadCase.uri(), settings.warmup(), Integer.MAX_VALUE);
        }
        Map<LoadCase, List<Measurement>> results = new LinkedHashMap<>();
        cases.forEach(loadCase -> results.put(loadCase, new ArrayList<>()));
        for (int round = 1; round <= settings.rounds(); round++) {
            for (LoadCase loadCase : inOrderOf(round, cases)) {
                Measurement stretch = users.run(loadCase.uri(), settings.round(), settings.maxRequests());
                System.out.printf("round %d %-16s %,10.0f requests/s  p99 %6.2f ms  %s%n", round, loadCase.name(),
                        stretch.throughputPerSecond(), stretch.latencyMillis(0.99), stretch.describeStatuses());
                results.get(loadCase).add(stretch);
            }
        }
        return results;
    }

    /** Odd rounds in the given order, even rounds reversed. */
    private static List<LoadCase> inOrderOf(int round, List<LoadCase> cases) {
        List<LoadCase> order = new ArrayList<>(cases);
        if (round % 2 == 0) {
            Collections.reverse(order);
        }
        return order;
    }

    private static void checkStatuses(Map<LoadCase, List<Measurement>> results) {
        results.forEach((loadCase, rounds) -> {
            Measurement measurement = LoadReport.total(rounds);
            if (!measurement.allAnswered(loadCase.expectedStatus())) {
                throw new IllegalStateException(loadCase.name() + " expected only " + loadCase.expectedStatus()
                        + " but got " + measurement.describeStatuses() + "; see " + loadCase.node().log());
            }
        });
    }

    private static void write(LoadSettings settings, String report) {
        try {
            Files.createDirectories(settings.report().getParent());
            Files.writeString(settings.report(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + settings.report(), e);
        }
    }

    private static long elapsedSeconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    }
}
