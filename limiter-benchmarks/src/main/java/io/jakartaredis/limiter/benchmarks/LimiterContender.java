package io.jakartaredis.limiter.benchmarks;

import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.redis.BatchSizes;

/** Ours: {@link RedisRateLimiter#tryAcquire(String, String, int)}, one {@code EVALSHA} of the token-bucket script. */
final class LimiterContender implements Contender {

    private final RedisRateLimiter limiter;
    private final String policy;

    LimiterContender(LimiterConfig config, ClientKeys keys) {
        this.limiter = RedisRateLimiter.connect(config);
        this.policy = BenchmarkRedis.policy(keys);
    }

    @Override
    public boolean decide(String clientKey) {
        return limiter.tryAcquire(policy, clientKey, 1).allowed();
    }

    @Override
    public BatchSizes batchSizes() {
        return limiter.batchSizes();
    }

    @Override
    public void close() {
        limiter.close();
    }
}
