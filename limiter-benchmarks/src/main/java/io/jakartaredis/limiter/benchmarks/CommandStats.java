package io.jakartaredis.limiter.benchmarks;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import redis.clients.jedis.Jedis;

/** Calls per command from {@code INFO commandstats}, which counts commands run by scripts as well. */
record CommandStats(Map<String, Long> calls) {

    /** The harness's own commands, not part of any decision. */
    private static final Set<String> ADMIN = Set.of("info", "flushall", "echo", "memory|usage", "monitor");

    static CommandStats read(Jedis admin) {
        Map<String, Long> calls = new TreeMap<>();
        RedisInfo.read(admin, "commandstats").fields().forEach((field, value) -> {
            if (field.startsWith("cmdstat_")) {
                int from = value.indexOf("calls=") + "calls=".length();
                calls.put(field.substring("cmdstat_".length()), Long.parseLong(value.substring(from, value.indexOf(',', from))));
            }
        });
        return new CommandStats(calls);
    }

    /** Commands run since {@code before}, without the harness's own; only those that ran. */
    Map<String, Long> since(CommandStats before) {
        Map<String, Long> delta = new TreeMap<>();
        calls.forEach((name, count) -> {
            long ran = count - before.calls.getOrDefault(name, 0L);
            if (ran > 0 && !ADMIN.contains(name)) {
                delta.put(name, ran);
            }
        });
        return delta;
    }
}
