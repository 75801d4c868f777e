package io.jakartaredis.limiter.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Redis commands, CPU time and pipelined writes of one JMH trial (warm-up included) per decision, handed from the forked JVM
 * to the harness through a file in {@value #DIR_PROPERTY}.
 *
 * @param decisions           decisions taken in the trial
 * @param commandsPerDecision server-side commands per decision by name, script-run ones included
 * @param cpu                 CPU time per decision of Redis and of the client JVM
 * @param batches             the client's pipelined writes in the trial
 */
record TrialCosts(long decisions, Map<String, Double> commandsPerDecision, CpuTime cpu, TrialBatches batches) {

    static final String DIR_PROPERTY = "bench.costs.dir";

    static void write(Scenario scenario, int threads, long decisions, Map<String, Long> commands, CpuTime cpu,
                      TrialBatches batches) {
        Properties properties = new Properties();
        properties.setProperty("decisions", Long.toString(decisions));
        properties.setProperty("cpu.redis", Double.toString(cpu.redisMicros()));
        properties.setProperty("cpu.client", Double.toString(cpu.clientMicros()));
        commands.forEach((name, calls) -> properties.setProperty("cmd." + name, Long.toString(calls)));
        batches.writeTo(properties);
        Path file = file(Path.of(System.getProperty(DIR_PROPERTY)), scenario, threads);
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, scenario + " at " + threads + " threads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrialCosts read(Path dir, Scenario scenario, int threads) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file(dir, scenario, threads))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long decisions = Long.parseLong(properties.getProperty("decisions"));
        Map<String, Double> perDecision = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("cmd.")) {
                perDecision.put(name.substring(4), Long.parseLong(properties.getProperty(name)) / (double) decisions);
            }
        }
        CpuTime cpu = new CpuTime(Double.parseDouble(properties.getProperty("cpu.redis")),
                Double.parseDouble(properties.getProperty("cpu.client")));
        return new TrialCosts(decisions, perDecision, cpu, TrialBatches.readFrom(properties));
    }

    /** Every command per decision, in total. */
    double total() {
        return commandsPerDecision.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Path file(Path dir, Scenario scenario, int threads) {
        return dir.resolve(scenario.method() + "-" + threads + "t.properties");
    }
}
