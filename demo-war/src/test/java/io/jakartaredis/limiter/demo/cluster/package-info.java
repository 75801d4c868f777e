/**
 * The demo command: two Payara Micro nodes, each in a JVM of its own, sharing one Redis and
 * therefore one limit. {@link io.jakartaredis.limiter.demo.cluster.PayaraNode} starts and stops
 * one such node and is meant for tests too; {@link io.jakartaredis.limiter.demo.cluster.DemoCluster}
 * is the main class that {@code ./demo.sh} runs.
 */
package io.jakartaredis.limiter.demo.cluster;
