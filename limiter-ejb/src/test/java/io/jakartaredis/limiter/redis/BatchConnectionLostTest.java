package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.CommandStats;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.TcpProxy;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * The connections of pipelined batches are cut while 32 threads decide, each on a bucket of its
 * own whose count no other bucket has ({@code CLIENT KILL}, or a proxy closing every connection):
 * a reply never reaches another caller; a decision whose reply was lost is refused, and ran at most
 * once; every token taken was taken by one EVALSHA.
 */
class BatchConnectionLostTest {

    private static final int THREADS = 32;
    private static final int CUTS = 5;
    private static final int DECISIONS_BETWEEN_CUTS = 300;
    /** Refills 0.03 tokens a second: each count below is exact. */
    private static final int CAPACITY = 1_000_000;
    /** Tokens taken from thread t's bucket first: (t + 1) × this, more than any thread's failures. */
    private static final int SPACING = 1_000;
    private static final String POLICY = "api";

    private RedisServer redis;
    private TcpProxy proxy;
    private ExecutorService threads;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        proxy = TcpProxy.to(redis.host(), redis.port());
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        proxy.close();
        redis.close();
    }

    /** What one thread saw: replies that could not be its own bucket's, calls answered, calls refused. */
    private record Outcome(List<String> wrong, int answered, int refused) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CLIENT KILL", "proxy closes every connection"})
    void noReplyReachesAnotherCallerWhenBatchConnectionsAreCut(String cut) throws Exception {
        boolean byProxy = cut.startsWith("proxy");
        try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.url", byProxy ? proxy.url() : redis.url(),
                "limiter.redis.pool.max-total", Integer.toString(THREADS), "limiter.deny-cache.enabled", "false",
                "limiter.circuit.failure-threshold", "100000", "limiter.redis.pipelining", "true", "limiter.policy." + POLICY + ".limits", CAPACITY + "/366d");
             Jedis admin = redis.admin()) {
            for (int t = 0; t < THREADS; t++) {
                assertTrue(limiter.tryAcquire(POLICY, "own-" + t, (t + 1) * SPACING).allowed());
            }
            long evalshasBefore = CommandStats.calls(admin, "evalsha");

            List<CountDownLatch> cutAfter = new ArrayList<>();
            for (int c = 1; c <= CUTS + 1; c++) {
                cutAfter.add(new CountDownLatch(c * DECISIONS_BETWEEN_CUTS));
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<Outcome>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int own = t;
                results.add(threads.submit(() -> decideUntilStopped(limiter, own, stop, cutAfter)));
            }
            for (int c = 0; c < CUTS; c++) {
                assertTrue(cutAfter.get(c).await(10, TimeUnit.SECONDS), "decisions before cut " + (c + 1));
                if (byProxy) {
                    proxy.closeConnections();
                } else {
                    admin.clientKill(ClientKillParams.clientKillParams().type(ClientType.NORMAL)
                            .skipMe(ClientKillParams.SkipMe.YES));
                }
            }
            assertTrue(cutAfter.get(CUTS).await(10, TimeUnit.SECONDS), "decisions after the last cut");
            stop.set(true);
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> result : results) {
                outcomes.add(result.get(10, TimeUnit.SECONDS));
            }

            long ran = CommandStats.calls(admin, "evalsha") - evalshasBefore;
            long takenInAll = 0;
            List<String> wrong = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Outcome outcome = outcomes.get(t);
                wrong.addAll(outcome.wrong());
                long taken = CAPACITY - (long) (t + 1) * SPACING - limiter.peek(POLICY, "own-" + t).remaining();
                takenInAll += taken;
                if (taken < outcome.answered() || taken > outcome.answered() + outcome.refused()) {
                    wrong.add("own-" + t + ": " + taken + " tokens taken by " + outcome.answered() + " answered and "
                            + outcome.refused() + " refused calls");
                }
            }
            int answered = outcomes.stream().mapToInt(Outcome::answered).sum();
            int refused = outcomes.stream().mapToInt(Outcome::refused).sum();
            System.out.printf("%d × %s under %d threads: %d answered, %d refused, %d EVALSHA ran, %d tokens taken "
                    + "(%d by refused calls whose reply was lost)%n", CUTS, cut, THREADS, answered, refused, ran,
                    takenInAll, takenInAll - answered);

            assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong replies");
            assertEquals(ran, takenInAll, "each EVALSHA that ran took one token, on its caller's own bucket");
            assertTrue(refused > 0, "the cuts failed decisions in flight");
        }
    }

    /**
     * Decides on its own bucket until told to stop. An answered call takes a token; a refused one
     * may have: each reply must lie between the counts that those two bounds give, a band far
     * narrower than the {@link #SPACING} between two threads' buckets.
     */
    private static Outcome decideUntilStopped(RedisRateLimiter limiter, int own, AtomicBoolean stop,
                                              List<CountDownLatch> decided) {
        List<String> wrong = new ArrayList<>();
        int answered = 0;
        int refused = 0;
        long base = CAPACITY - (long) (own + 1) * SPACING;
        while (!stop.get()) {
            try {
                long remaining = limiter.tryAcquire(POLICY, "own-" + own).remaining();
                answered++;
                long most = base - answered;
                long least = most - refused;
                if (remaining > most || remaining < least) {
                    wrong.add("own-" + own + " call " + (answered + refused) + ": " + remaining + " remaining, expected "
                            + least + ".." + most);
                }
            } catch (RateLimiterUnavailableException e) {
                refused++;
            }
            decided.forEach(CountDownLatch::countDown);
        }
        return new Outcome(wrong, answered, refused);
    }
}
