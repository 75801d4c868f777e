/**
 * Test support shared by every module: real {@code redis-server} processes started on free
 * loopback ports, never a server assumed on 6379: single servers ({@code RedisServer}), a Sentinel
 * topology, a Cluster, TLS servers ({@code RedisProcess}) and test certificates.
 */
package io.jakartaredis.limiter.testkit;
