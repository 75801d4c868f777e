package io.jakartaredis.limiter.benchmarks;

import io.jakartaredis.limiter.redis.BatchSizes;
import io.jakartaredis.limiter.redis.ScriptExecutor;

/** One way of deciding for a client: the floor, our limiter or Bucket4j. */
interface Contender extends AutoCloseable {

    /**
     * One decision for {@code clientKey}.
     *
     * @return whether it was admitted
     */
    boolean decide(String clientKey);

    /** How many commands each pipelined write carried so far; nothing where nothing is pipelined. */
    default BatchSizes batchSizes() {
        return ScriptExecutor.NO_BATCHES;
    }

    @Override
    void close();
}
