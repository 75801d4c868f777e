/**
 * JMH benchmarks of the limiter against a real {@code redis-server}: a bare {@code EVALSHA} (the
 * floor), {@link io.jakartaredis.limiter.core.RedisRateLimiter} and Bucket4j's Jedis proxy manager,
 * on 10,000 keys and on one hot key, the floor and ours with pipelining off and on; the Redis
 * commands, CPU time and pipelined writes each decision costs; and the Redis memory per bucket.
 * {@link io.jakartaredis.limiter.benchmarks.BenchmarkMain} runs all of it and writes
 * {@code target/benchmark.md} and {@code target/benchmark.png}.
 */
package io.jakartaredis.limiter.benchmarks;
