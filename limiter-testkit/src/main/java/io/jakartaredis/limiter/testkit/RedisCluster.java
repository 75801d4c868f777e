package io.jakartaredis.limiter.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of masters only, as real processes on free loopback ports. The slots are split
 * evenly with {@code CLUSTER ADDSLOTS} and the nodes joined with {@code CLUSTER MEET}, so that no
 * {@code redis-cli} is needed.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int SLOTS = 16_384;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final List<RedisServer> masters;

    private RedisCluster(List<RedisServer> masters) {
        this.masters = List.copyOf(masters);
    }

    /** Starts {@code size} masters and waits until every node reports {@code cluster_state:ok}. */
    public static RedisCluster start(int size, String... serverArgs) {
        List<RedisServer> masters = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes", "--cluster-node-timeout", "2000"));
                args.addAll(List.of(serverArgs));
                masters.add(RedisServer.start(args.toArray(String[]::new)));
            }
            RedisCluster cluster = new RedisCluster(masters);
            cluster.assignSlotsAndMeet();
            return cluster;
        } catch (RuntimeException e) {
            masters.forEach(RedisServer::close);
            throw e;
        }
    }

    private void assignSlotsAndMeet() {
        for (int i = 0; i < masters.size(); i++) {
            try (Jedis node = masters.get(i).admin()) {
                node.clusterAddSlots(IntStream.range(SLOTS * i / masters.size(), SLOTS * (i + 1) / masters.size()).toArray());
                if (i > 0) {
                    node.clusterMeet(RedisServer.HOST, masters.get(0).port());
                }
            }
        }
        for (RedisServer master : masters) {
            Waiting.until(master + " reports cluster_state:ok and knows every node", READY_TIMEOUT, () -> {
                try (Jedis node = master.admin()) {
                    return node.clusterInfo().contains("cluster_state:ok")
                            && node.clusterNodes().lines().filter(l -> l.contains("connected")).count() == masters.size();
                }
            }, master::log);
        }
    }

    public List<RedisServer> masters() {
        return masters;
    }

    /** The master that holds {@code key}'s slot. */
    public RedisServer masterOf(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        int i = masters.size() - 1;
        while (SLOTS * i / masters.size() > slot) {
            i--;
        }
        return masters.get(i);
    }

    /** {@code host:port} of every master, comma separated, as {@code limiter.redis.cluster.nodes} takes them. */
    public String nodes() {
        return masters.stream().map(m -> m.host() + ":" + m.port()).collect(Collectors.joining(","));
    }

    /** Deletes every key and every loaded script on every master. */
    public void flushAll() {
        masters.forEach(RedisServer::flushAll);
    }

    @Override
    public void close() {
        masters.forEach(RedisServer::close);
    }
}
