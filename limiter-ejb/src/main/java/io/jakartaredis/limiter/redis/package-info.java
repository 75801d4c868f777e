/**
 * Redis access: the token-bucket script and the single port ({@link io.jakartaredis.limiter.redis.ScriptExecutor})
 * through which it runs, over a standalone server, Sentinel or Cluster, optionally with TLS. Only
 * {@link io.jakartaredis.limiter.redis.JedisScriptExecutor} and {@link io.jakartaredis.limiter.redis.RedisClients}
 * touch Jedis.
 */
package io.jakartaredis.limiter.redis;
