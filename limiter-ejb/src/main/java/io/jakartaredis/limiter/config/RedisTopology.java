package io.jakartaredis.limiter.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How the Redis servers are arranged: one server ({@code limiter.redis.url}), a master watched by
 * Sentinels ({@code limiter.redis.sentinel.*}) or a Cluster ({@code limiter.redis.cluster.nodes}).
 * Their {@code toString()} never shows a password.
 */
public sealed interface RedisTopology {

    /** One server at {@link RedisConfig#host()}:{@link RedisConfig#port()}. */
    record Standalone() implements RedisTopology {
        @Override
        public String toString() {
            return "standalone";
        }
    }

    /**
     * A master found through Sentinel, followed across failovers.
     *
     * @param master    the master's name in the Sentinels' configuration
     * @param sentinels where the Sentinels listen
     * @param user      ACL user of the Sentinels, or {@code null}
     * @param password  password of the Sentinels, or {@code null} when they require none
     */
    record Sentinel(String master, List<RedisNode> sentinels, String user, String password) implements RedisTopology {
        public Sentinel {
            sentinels = List.copyOf(sentinels);
        }

        @Override
        public String toString() {
            return "sentinel master '" + master + "' via " + join(sentinels) + " (sentinel "
                    + (user == null ? "" : "user set, ") + "password " + (password == null ? "none" : "set") + ")";
        }
    }

    /**
     * A Redis Cluster, discovered from the seed nodes.
     *
     * @param seeds some nodes of the cluster; the client learns the others from them
     */
    record Cluster(List<RedisNode> seeds) implements RedisTopology {
        public Cluster {
            seeds = List.copyOf(seeds);
        }

        @Override
        public String toString() {
            return "cluster via " + join(seeds);
        }
    }

    private static String join(List<RedisNode> nodes) {
        return nodes.stream().map(RedisNode::toString).collect(Collectors.joining(","));
    }
}
