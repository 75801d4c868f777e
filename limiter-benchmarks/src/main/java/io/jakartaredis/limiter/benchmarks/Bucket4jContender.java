package io.jakartaredis.limiter.benchmarks;

import java.nio.charset.StandardCharsets;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import redis.clients.jedis.RedisClient;

/**
 * The peer: Bucket4j's Jedis proxy manager (compare-and-swap: {@code GET}, compute in Java,
 * {@code EVAL} of a CAS script, retried on conflict) with the same limit, a pool of the same size
 * and keys under the same prefix. Keys expire once the bucket would be full, as ours do.
 */
final class Bucket4jContender implements Contender {

    private final RedisClient client;
    private final ProxyManager<byte[]> buckets;
    private final BucketConfiguration configuration;
    private final String keyPrefix;

    Bucket4jContender(int port, ClientKeys keys) {
        this.client = BenchmarkRedis.pooledClient(port);
        this.buckets = Bucket4jJedis.casBasedBuilder(client)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(java.time.Duration.ZERO))
                .build();
        long capacity = BenchmarkRedis.capacity(keys);
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, BenchmarkRedis.WINDOW).build())
                .build();
        this.keyPrefix = LimiterConfigReader.DEFAULT_KEY_PREFIX + "b4j-" + BenchmarkRedis.policy(keys) + ":";
    }

    @Override
    public boolean decide(String clientKey) {
        byte[] key = (keyPrefix + clientKey).getBytes(StandardCharsets.US_ASCII);
        return buckets.builder().build(key, () -> configuration).tryConsume(1);
    }

    @Override
    public void close() {
        client.close();
    }
}
