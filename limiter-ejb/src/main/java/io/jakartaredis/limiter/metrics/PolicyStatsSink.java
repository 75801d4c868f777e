package io.jakartaredis.limiter.metrics;

/**
 * Told of every count a {@link PolicyStats} takes and every latency it times, for a metrics API
 * that keeps counters of its own: called on the deciding thread, so it must be cheap and never throw.
 */
public interface PolicyStatsSink {

    /** Receives nothing. */
    PolicyStatsSink NONE = new PolicyStatsSink() {
        @Override
        public void counted(PublishedCounter counter) {
        }

        @Override
        public void timed(long latencyNanos) {
        }
    };

    /** Tells {@code first}, then {@code second}. */
    static PolicyStatsSink both(PolicyStatsSink first, PolicyStatsSink second) {
        return new PolicyStatsSink() {
            @Override
            public void counted(PublishedCounter counter) {
                first.counted(counter);
                second.counted(counter);
            }

            @Override
            public void timed(long latencyNanos) {
                first.timed(latencyNanos);
                second.timed(latencyNanos);
            }
        };
    }

    /** One more of {@code counter}. */
    void counted(PublishedCounter counter);

    /** A decision took {@code latencyNanos}. */
    void timed(long latencyNanos);
}
