package io.jakartaredis.limiter.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes {@code benchmark.md}: machine, results, targets, pipelined writes, costs per decision and memory. */
final class MarkdownReport {

    /** Everything one run produced. */
    record Run(BenchmarkMode mode, String machine, List<ScenarioResult> results, List<RoundTripProbe.RoundTrips> roundTrips,
               MemoryProbe.Results memory, List<Targets.Check> checks, long elapsedSeconds,
               List<DenyCacheProbe.Hammering> denyCache) {
    }

    private MarkdownReport() {
    }

    static String render(Run run) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: decisions against a real Redis\n\n")
                .append("Mode ").append(run.mode()).append("; ran ").append(run.elapsedSeconds()).append(" s. ")
                .append(run.machine()).append("\n\n")
                .append("Every scenario uses the same `redis-server` on loopback and a Jedis pool of ")
                .append(BenchmarkRedis.POOL_SIZE).append(" connections (RESP2). JMH sample-time mode; throughput = threads / mean latency. ")
                .append("Limits admit every call: ").append(BenchmarkRedis.SPREAD_CAPACITY).append("/1d per client over 10,000 clients, ")
                .append(BenchmarkRedis.HOT_CAPACITY).append("/1d on the hot client. Each trial starts on an empty Redis. ")
                .append("Pipelined: concurrent `EVALSHA`s share a connection's writes (`limiter.redis.pipelining=true`); ")
                .append("unpipelined: one `EVALSHA` per pooled round trip (`false`, the default). Bucket4j never pipelines.\n\n");
        results(md, run.results());
        checks(md, run.checks());
        BatchReport.render(md, run.results());
        roundTrips(md, run.roundTrips());
        memory(md, run.memory());
        denyCache(md, run.denyCache());
        return md.toString();
    }

    private static void results(StringBuilder md, List<ScenarioResult> results) {
        md.append("## Throughput and latency\n\n")
                .append("| scenario | threads | decisions/s | p50 µs | p99 µs | p99.9 µs | CPU µs per decision: Redis + client "
                        + "| Redis commands per decision |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult r : results) {
            md.append("| ").append(r.scenario().label()).append(" | ").append(r.threads())
                    .append(" | ").append(format("%,.0f", r.opsPerSecond()))
                    .append(" | ").append(format("%.1f", r.p50Micros()))
                    .append(" | ").append(format("%.1f", r.p99Micros()))
                    .append(" | ").append(format("%.1f", r.p999Micros()))
                    .append(" | ").append(format("%.1f", r.costs().cpu().redisMicros())).append(" + ")
                    .append(format("%.1f", r.costs().cpu().clientMicros()))
                    .append(" | ").append(commands(r.costs().commandsPerDecision())).append(" |\n");
        }
        md.append("\nCPU time per decision: of the `redis-server` process (`INFO cpu`, network and script alike) and of the ")
                .append("benchmark JVM (the client, JMH's sampling included), over the whole trial.\n\n")
                .append("![throughput and latency](benchmark.png)\n\n");
    }

    private static void checks(StringBuilder md, List<Targets.Check> checks) {
        long judged = checks.stream().filter(Targets.Check::judged).count();
        long passed = checks.stream().filter(c -> c.judged() && c.passed()).count();
        md.append("## Targets\n\n").append(passed).append(" of ").append(judged).append(" met. ")
                .append("Ratios from this run; \"unpipelined floor\" is one `EVALSHA` of `return 1` per pooled round trip, ")
                .append("the baseline of pipelining's targets. Rows without a target are shown for comparison.\n\n")
                .append("| check | measured | target | result |\n|---|---:|---|---|\n");
        for (Targets.Check c : checks) {
            md.append("| ").append(c.what()).append(" | ").append(format("%.2f", c.actual())).append(" | ");
            if (c.judged()) {
                md.append(c.comparison().symbol).append(' ').append(format("%.2f", c.bound()))
                        .append(" | ").append(c.passed() ? "PASS" : "**FAIL**");
            } else {
                md.append("(information) |");
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    private static void roundTrips(StringBuilder md, List<RoundTripProbe.RoundTrips> roundTrips) {
        md.append("## Commands sent per decision\n\n")
                .append("Counted with `MONITOR` in a separate run (MONITOR slows Redis, so no timing is taken): commands the ")
                .append("client sent and commands run inside scripts. With pipelining on, the commands of concurrent decisions ")
                .append("share writes, but each decision is still one `EVALSHA` sent once and answered once: one round trip of its own ")
                .append("caller. Commands that set up a pooled connection opened during the run (`HELLO`, `PING` of an idle ")
                .append("connection) are counted apart: they are not part of a decision.\n\n")
                .append("| scenario | threads | decisions | commands sent per decision | sent, per decision | script commands | connection set-ups |\n")
                .append("|---|---:|---:|---:|---|---:|---:|\n");
        for (RoundTripProbe.RoundTrips t : roundTrips) {
            Map<String, Double> sent = t.sent().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / (double) t.decisions()));
            md.append("| ").append(t.scenario().label()).append(" | ").append(t.threads()).append(" | ").append(t.decisions())
                    .append(" | ").append(format("%.3f", t.clientCommands())).append(" | ").append(commands(sent))
                    .append(" | ").append(format("%.3f", t.scriptCommands())).append(" | ").append(t.connectionSetups()).append(" |\n");
        }
        md.append('\n');
    }

    private static void memory(StringBuilder md, MemoryProbe.Results memory) {
        md.append("## Redis memory per bucket\n\n| policy | limits | key | value | TTL ms | MEMORY USAGE bytes |\n|---|---|---|---|---:|---:|\n");
        for (MemoryProbe.KeySample s : memory.samples()) {
            md.append("| ").append(s.policy()).append(" | `").append(s.limits()).append("` | `").append(s.key()).append("` | `")
                    .append(s.value()).append("` | ").append(s.ttlMillis()).append(" | ").append(s.memoryUsage()).append(" |\n");
        }
        md.append("\n`MEMORY USAGE` counts the key, the value and the main dictionary entry, not the expiry entry nor the ")
                .append("hash-table slots; the growth of `used_memory` over many buckets counts everything.\n\n")
                .append("| written as | sample key | sample value | TTL | buckets | MEMORY USAGE | used_memory growth per bucket | for 1,000,000 clients |\n")
                .append("|---|---|---|---|---:|---:|---:|---:|\n");
        for (MemoryProbe.Encoding e : memory.encodings()) {
            md.append("| ").append(e.what()).append(" | `").append(e.sampleKey()).append("` | `").append(e.sampleValue())
                    .append("` | ").append(e.ttl() ? "yes" : "no").append(" | ").append(format("%,d", e.buckets()))
                    .append(" | ").append(e.memoryUsage()).append(" | ").append(format("%.1f", e.bytesPerBucket()))
                    .append(" | ").append(format("%.1f MiB", e.megabytesPerMillion())).append(" |\n");
        }
        md.append('\n');
    }

    private static void denyCache(StringBuilder md, List<DenyCacheProbe.Hammering> runs) {
        md.append("## Local deny cache: one key at 10× its limit\n\n")
                .append(DenyCacheProbe.THREADS).append(" threads make ").append(format("%,d", DenyCacheProbe.CALLS))
                .append(" calls to one client of a `").append(DenyCacheProbe.CAPACITY).append("/1h` policy, as fast as they can; ")
                .append("`EVALSHA`s counted with `INFO commandstats`. Expected admitted: the capacity plus the tokens refilled ")
                .append("during the run on the Redis clock.\n\n")
                .append("| deny cache | admitted | expected | rejected | rejected locally | EVALSHA | Redis commands per rejected call |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (DenyCacheProbe.Hammering r : runs) {
            md.append("| ").append(r.cacheEnabled() ? "on" : "off").append(" | ").append(r.admitted()).append(" | ")
                    .append(r.expectedAdmitted()).append(" | ").append(r.rejected()).append(" | ").append(r.localDenials())
                    .append(" | ").append(r.evalsha()).append(" | ").append(format("%.3f", r.redisCommandsPerRejection())).append(" |\n");
        }
        md.append('\n');
    }

    private static String commands(Map<String, Double> perDecision) {
        if (perDecision.isEmpty()) {
            return "";
        }
        double total = perDecision.values().stream().mapToDouble(Double::doubleValue).sum();
        return format("%.2f", total) + ": " + perDecision.entrySet().stream()
                .map(e -> e.getKey() + " " + format("%.2f", e.getValue())).collect(Collectors.joining(", "));
    }

    private static String format(String pattern, Object value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
