package io.jakartaredis.limiter.config;

import java.time.Duration;

/**
 * How the limiter behaves when Redis fails. {@link #toString()} is one line for the startup log.
 *
 * @param onFailure               the default failure policy ({@code limiter.on-failure})
 * @param localNodes              the nodes that share a limit: local buckets hold {@code ceil(capacity / localNodes)}
 * @param localMaxKeys            most local buckets kept per node; the least recently used go first
 * @param circuitFailureThreshold consecutive failures that open the circuit
 * @param circuitCoolDown         how long an open circuit keeps decisions off Redis before one probe
 * @param connectionWait          longest wait of a decision for a free connection
 */
public record ResilienceConfig(FailurePolicy onFailure, int localNodes, int localMaxKeys, int circuitFailureThreshold,
                               Duration circuitCoolDown, Duration connectionWait) {

    public static final FailurePolicy DEFAULT_ON_FAILURE = FailurePolicy.OPEN;
    public static final int DEFAULT_LOCAL_NODES = 1;
    public static final int DEFAULT_LOCAL_MAX_KEYS = 10_000;
    public static final int DEFAULT_CIRCUIT_FAILURE_THRESHOLD = 5;
    /** Short enough that decisions are back on Redis within a second of its return, even after a timed-out probe. */
    public static final Duration DEFAULT_CIRCUIT_COOL_DOWN = Duration.ofMillis(250);
    /** Half of the 50 ms that a decision may take beyond the Redis timeout; the other half is slack. */
    public static final Duration DEFAULT_CONNECTION_WAIT = Duration.ofMillis(25);

    /** The defaults, waiting for a connection at most {@code connectionWait}. */
    public static ResilienceConfig defaults(Duration connectionWait) {
        return new ResilienceConfig(DEFAULT_ON_FAILURE, DEFAULT_LOCAL_NODES, DEFAULT_LOCAL_MAX_KEYS,
                DEFAULT_CIRCUIT_FAILURE_THRESHOLD, DEFAULT_CIRCUIT_COOL_DOWN, connectionWait);
    }

    @Override
    public String toString() {
        return "on failure " + onFailure + ", local nodes " + localNodes + ", local keys " + localMaxKeys
                + ", circuit opens after " + circuitFailureThreshold + " failures for " + Durations.format(circuitCoolDown)
                + ", connection wait " + Durations.format(connectionWait);
    }
}
