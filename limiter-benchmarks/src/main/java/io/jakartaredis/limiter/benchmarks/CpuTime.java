package io.jakartaredis.limiter.benchmarks;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;

import redis.clients.jedis.Jedis;

/**
 * CPU time used so far by Redis ({@code INFO cpu}: user + system, main thread and I/O alike) and by
 * this JVM, the client side of every contender. Divided by the decisions of a trial, it shows where
 * a decision's machine time goes, which latency alone cannot on a machine whose cores both sides share.
 *
 * @param redisMicros  CPU time of the {@code redis-server} process, µs
 * @param clientMicros CPU time of this JVM, µs (JMH's own sampling included, alike for every contender)
 */
record CpuTime(double redisMicros, double clientMicros) {

    static CpuTime read(Jedis admin) {
        RedisInfo cpu = RedisInfo.read(admin, "cpu");
        double redisSeconds = Double.parseDouble(cpu.required("used_cpu_sys")) + Double.parseDouble(cpu.required("used_cpu_user"));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new CpuTime(redisSeconds * 1e6, os.getProcessCpuTime() / 1e3);
    }

    /** The CPU time used since {@code before}, per decision. */
    CpuTime perDecision(CpuTime before, long decisions) {
        return new CpuTime((redisMicros - before.redisMicros) / decisions, (clientMicros - before.clientMicros) / decisions);
    }
}
