package io.jakartaredis.limiter.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A master, one replica and three Sentinels (quorum 2) as real processes on free loopback ports.
 * {@link #start} returns once every Sentinel sees the master, the replica and the other Sentinels,
 * and the replica is in sync, so that killing the master leads to a failover.
 */
public final class RedisSentinelTopology implements AutoCloseable {

    public static final String MASTER_NAME = "mymaster";
    private static final int SENTINELS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final RedisServer master;
    private final RedisServer replica;
    private final List<RedisProcess> sentinels = new ArrayList<>();

    private RedisSentinelTopology(RedisServer master, RedisServer replica) {
        this.master = master;
        this.replica = replica;
    }

    /**
     * @param downAfter       {@code sentinel down-after-milliseconds}: silence before the master counts as down
     * @param failoverTimeout {@code sentinel failover-timeout}
     * @param serverArgs      extra arguments of master and replica, e.g. {@code --requirepass}
     */
    public static RedisSentinelTopology start(Duration downAfter, Duration failoverTimeout, String... serverArgs) {
        RedisServer master = RedisServer.start(serverArgs);
        RedisSentinelTopology topology = null;
        try {
            List<String> replicaArgs = new ArrayList<>(List.of(serverArgs));
            replicaArgs.addAll(List.of("--replicaof", RedisServer.HOST, Integer.toString(master.port())));
            topology = new RedisSentinelTopology(master, RedisServer.start(replicaArgs.toArray(String[]::new)));
            topology.awaitReplicaInSync();
            for (int i = 0; i < SENTINELS; i++) {
                topology.sentinels.add(startSentinel(master.port(), downAfter, failoverTimeout));
            }
            topology.awaitSentinelsSeeEverything();
            return topology;
        } catch (RuntimeException e) {
            if (topology != null) {
                topology.close();
            } else {
                master.close();
            }
            throw e;
        }
    }

    private static RedisProcess startSentinel(int masterPort, Duration downAfter, Duration failoverTimeout) {
        int port = RedisServer.freePort();
        Path dir = RedisProcess.newWorkDir("redis-sentinel-");
        Path conf = dir.resolve("sentinel.conf");
        String text = String.join("\n",
                "port " + port, "bind " + RedisServer.HOST, "daemonize no", "dir " + dir,
                "sentinel monitor " + MASTER_NAME + " " + RedisServer.HOST + " " + masterPort + " 2",
                "sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfter.toMillis(),
                "sentinel failover-timeout " + MASTER_NAME + " " + failoverTimeout.toMillis(),
                "sentinel parallel-syncs " + MASTER_NAME + " 1", "");
        try {
            Files.writeString(conf, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RedisProcess.start(dir, port, List.of(conf.toString(), "--sentinel"));
    }

    /** {@code host:port} of every Sentinel, comma separated, as {@code limiter.redis.sentinel.nodes} takes them. */
    public String sentinelNodes() {
        return sentinels.stream().map(s -> RedisServer.HOST + ":" + s.port()).collect(Collectors.joining(","));
    }

    public RedisServer master() {
        return master;
    }

    public RedisServer replica() {
        return replica;
    }

    /** Kills the master with SIGKILL, like a crash. */
    public void killMaster() {
        master.kill();
    }

    /** The port of the master as the first Sentinel reports it now. */
    public int reportedMasterPort() {
        try (Jedis sentinel = sentinel(0)) {
            return Integer.parseInt(sentinel.sentinelGetMasterAddrByName(MASTER_NAME).get(1));
        }
    }

    /** A connection to the i-th Sentinel; the caller closes it. */
    public Jedis sentinel(int i) {
        return new Jedis(new HostAndPort(RedisServer.HOST, sentinels.get(i).port()),
                DefaultJedisClientConfig.builder().timeoutMillis(2000).build());
    }

    private void awaitReplicaInSync() {
        Waiting.until("the replica is in sync with the master", READY_TIMEOUT, () -> {
            try (Jedis jedis = replica.admin()) {
                return jedis.info("replication").contains("master_link_status:up");
            }
        }, replica::log);
    }

    private void awaitSentinelsSeeEverything() {
        for (int i = 0; i < sentinels.size(); i++) {
            int index = i;
            Waiting.until("sentinel " + i + " sees the replica and the other sentinels", READY_TIMEOUT, () -> {
                try (Jedis sentinel = sentinel(index)) {
                    List<Map<String, String>> replicas = sentinel.sentinelReplicas(MASTER_NAME);
                    boolean replicaSeen = replicas.size() == 1 && !replicas.get(0).get("flags").contains("down");
                    return replicaSeen && sentinel.sentinelSentinels(MASTER_NAME).size() == SENTINELS - 1;
                }
            }, () -> sentinels.get(index).log());
        }
    }

    @Override
    public void close() {
        sentinels.forEach(RedisProcess::close);
        replica.close();
        master.close();
    }
}
