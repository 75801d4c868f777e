package io.jakartaredis.limiter.benchmarks;

/** One way of deciding for a client: the floor, our limiter or Bucket4j. */
interface Contender extends AutoCloseable {

    /**
     * One decision for {@code clientKey}.
     *
     * @return whether it was admitted
     */
    boolean decide(String clientKey);

    @Override
    void close();
}
