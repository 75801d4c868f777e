/**
 * Test support shared by every module: real {@code redis-server} processes started on free
 * loopback ports, never a server assumed on 6379.
 */
package io.jakartaredis.limiter.testkit;
