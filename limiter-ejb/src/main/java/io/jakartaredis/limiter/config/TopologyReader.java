package io.jakartaredis.limiter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/** Reads {@code limiter.redis.sentinel.*}, {@code limiter.redis.cluster.nodes} and {@code limiter.redis.tls.*}. */
final class TopologyReader {

    static final String SENTINEL_MASTER = "limiter.redis.sentinel.master";
    static final String SENTINEL_NODES = "limiter.redis.sentinel.nodes";
    static final String SENTINEL_USER = "limiter.redis.sentinel.user";
    static final String SENTINEL_PASSWORD = "limiter.redis.sentinel.password";
    static final String CLUSTER_NODES = "limiter.redis.cluster.nodes";
    static final String TLS_ENABLED = "limiter.redis.tls.enabled";
    static final String TLS_CA_FILE = "limiter.redis.tls.ca-file";
    static final String TLS_TRUSTSTORE = "limiter.redis.tls.truststore";
    static final String TLS_TRUSTSTORE_PASSWORD = "limiter.redis.tls.truststore-password";

    /** Quoted in messages instead of a secret. */
    private static final String HIDDEN = "****";

    private TopologyReader() {
    }

    /** The topology; {@code limiter.redis.url} must be absent unless it is standalone. */
    static RedisTopology topology(Property property, String urlProperty) {
        Optional<String> master = property.text(SENTINEL_MASTER);
        Optional<String> sentinels = property.text(SENTINEL_NODES);
        Optional<String> cluster = property.text(CLUSTER_NODES);
        if (master.isEmpty() && sentinels.isEmpty() && cluster.isEmpty()) {
            return new RedisTopology.Standalone();
        }
        if (cluster.isPresent() && (master.isPresent() || sentinels.isPresent())) {
            throw new InvalidConfigurationException(CLUSTER_NODES, cluster.get(),
                    "configure either Sentinel (" + SENTINEL_MASTER + ", " + SENTINEL_NODES + ") or Cluster, not both");
        }
        property.text(urlProperty).ifPresent(url -> {
            throw new InvalidConfigurationException(urlProperty, RedisUrl.redact(url), "with "
                    + (cluster.isPresent() ? CLUSTER_NODES : SENTINEL_NODES) + " the servers are found from those nodes;"
                    + " remove the URL and set limiter.redis.user, limiter.redis.password and " + TLS_ENABLED);
        });
        if (cluster.isPresent()) {
            return new RedisTopology.Cluster(property.parsed(CLUSTER_NODES, RedisNode::parseList).orElseThrow());
        }
        String name = master.orElseThrow(() -> new InvalidConfigurationException(SENTINEL_MASTER, "",
                "required with " + SENTINEL_NODES + ": the master's name as the Sentinels know it, e.g. mymaster"));
        if (sentinels.isEmpty()) {
            throw new InvalidConfigurationException(SENTINEL_NODES, "", "required with " + SENTINEL_MASTER + "; expected "
                    + RedisNode.SYNTAX);
        }
        return new RedisTopology.Sentinel(name, property.parsed(SENTINEL_NODES, RedisNode::parseList).orElseThrow(),
                property.text(SENTINEL_USER).orElse(null), property.text(SENTINEL_PASSWORD).orElse(null));
    }

    /** TLS is on with {@code rediss://} or {@code limiter.redis.tls.enabled=true}; they must not disagree. */
    static boolean tls(Property property, boolean rediss) {
        Optional<Boolean> enabled = property.parsed(TLS_ENABLED, TopologyReader::parseBoolean);
        if (rediss && enabled.equals(Optional.of(false))) {
            throw new InvalidConfigurationException(TLS_ENABLED, "false", "the URL is rediss://, which means TLS");
        }
        return rediss || enabled.orElse(false);
    }

    /** The trusted CAs, loaded once here so that a bad file or password stops the startup. */
    static TlsTrust tlsTrust(Property property, boolean tls) {
        Optional<Path> caFile = property.text(TLS_CA_FILE).map(Path::of);
        Optional<Path> store = property.text(TLS_TRUSTSTORE).map(Path::of);
        Optional<String> password = property.text(TLS_TRUSTSTORE_PASSWORD);
        if (caFile.isPresent() && store.isPresent()) {
            throw new InvalidConfigurationException(TLS_CA_FILE, caFile.get().toString(),
                    "set either " + TLS_CA_FILE + " or " + TLS_TRUSTSTORE + ", not both");
        }
        if (password.isPresent() && store.isEmpty()) {
            throw new InvalidConfigurationException(TLS_TRUSTSTORE_PASSWORD, HIDDEN, "only used with " + TLS_TRUSTSTORE);
        }
        String fileProperty = caFile.isPresent() ? TLS_CA_FILE : TLS_TRUSTSTORE;
        Optional<Path> file = caFile.or(() -> store);
        if (file.isEmpty()) {
            return TlsTrust.JVM_DEFAULT;
        }
        if (!tls) {
            throw new InvalidConfigurationException(fileProperty, file.get().toString(),
                    "TLS is off; use a rediss:// URL or " + TLS_ENABLED + "=true");
        }
        if (!Files.isReadable(file.get())) {
            throw new InvalidConfigurationException(fileProperty, file.get().toString(), "no readable file");
        }
        TlsTrust trust = new TlsTrust(caFile.orElse(null), store.orElse(null), password.orElse(null));
        try {
            trust.load();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(fileProperty, file.get().toString(), caFile.isPresent()
                    ? "expected PEM CA certificates: " + e.getMessage()
                    : "expected a PKCS12 or JKS trust store and its password in " + TLS_TRUSTSTORE_PASSWORD
                            + ": " + e.getMessage());
        }
        return trust;
    }

    private static boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("expected true or false");
    }
}
