package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * The script against an exact model in BigInteger (GCRA: per limit the theoretical arrival time in
 * units of 1/capacity ms), for random limits near the bounds (up to 10^9 tokens, up to 366 days),
 * one or two of them, under random takes, reservations, peeks and refunds on a random timeline.
 * Every reply must equal the model's, element by element.
 */
class ExactBucketModelFuzzTest {

    @RegisterExtension
    @Order(1)
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String KEY = "rate_limit:fuzz:client";
    private static final long T0 = 4_102_444_800_000L;
    private static final long MAX_TOKENS = 1_000_000_000L;
    private static final long LONGEST_WINDOW = 366L * 86_400_000L;

    @RegisterExtension
    @Order(2)
    final ScriptTimeline timeline = new ScriptTimeline(REDIS);
    private TokenBucketScript script;

    @BeforeEach
    void connect() {
        script = timeline.script();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void everyReplyEqualsTheExactModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (var jedis = REDIS.server().admin()) {
            jedis.del(KEY);
        }
        int count = 1 + random.nextInt(2);
        long[] capacity = new long[count];
        long[] window = new long[count];
        List<String> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            capacity[i] = random.nextBoolean() ? MAX_TOKENS - random.nextLong(1000) : 1 + random.nextLong(MAX_TOKENS);
            window[i] = random.nextBoolean() ? LONGEST_WINDOW - random.nextLong(1_000_000) : 1 + random.nextLong(LONGEST_WINDOW);
            args.add(Long.toString(capacity[i]));
            args.add(Long.toString(window[i]));
        }
        Model model = new Model(capacity, window);
        long smallest = Math.min(capacity[0], count > 1 ? capacity[1] : Long.MAX_VALUE);
        long now = T0;
        for (int call = 0; call < 400; call++) {
            now += switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextLong(1000);
                case 2 -> random.nextLong(Math.max(1, window[0] / 50));
                default -> random.nextLong(Math.max(1, window[0] / 5));
            };
            int cost = (int) (random.nextBoolean() ? 1 + random.nextLong(smallest) : 1 + random.nextLong(Math.min(smallest, 1000)));
            String where = "seed " + seed + ", call " + call + " at " + (now - T0) + ", cost " + cost;
            switch (random.nextInt(5)) {
                case 0 -> assertEquals(model.take(now, cost, 0, false), script.takeAt(KEY, cost, now, args), where);
                case 1 -> {
                    long maxWait = random.nextLong(3_600_001);
                    assertEquals(model.take(now, cost, maxWait, false), script.reserveAt(KEY, cost, maxWait, now, args),
                            where + ", wait " + maxWait);
                }
                case 2 -> assertEquals(model.take(now, cost, 0, true), script.peekAt(KEY, cost, now, args), where);
                case 3 -> assertEquals(model.refund(now, cost), script.refundAt(KEY, cost, now, args), where);
                default -> assertEquals(model.take(now, cost, 0, false), script.takeAt(KEY, cost, now, args), where);
            }
        }
    }

    /** Per limit the time it is full again in units of 1/capacity ms (ms * capacity), exact. */
    private static final class Model {
        private final BigInteger[] capacity;
        private final BigInteger[] window;
        private final BigInteger[] fullAtUnits;

        Model(long[] capacity, long[] window) {
            int n = capacity.length;
            this.capacity = new BigInteger[n];
            this.window = new BigInteger[n];
            this.fullAtUnits = new BigInteger[n];
            for (int i = 0; i < n; i++) {
                this.capacity[i] = BigInteger.valueOf(capacity[i]);
                this.window[i] = BigInteger.valueOf(window[i]);
                this.fullAtUnits[i] = BigInteger.ZERO;
            }
        }

        private BigInteger debt(int i, long now) {
            return fullAtUnits[i].subtract(BigInteger.valueOf(now).multiply(capacity[i])).max(BigInteger.ZERO);
        }

        /** Ms beyond empty once the cost is taken, rounded up (negative: tokens to spare). */
        private long over(BigInteger debt, int i, int cost) {
            BigInteger units = debt.add(BigInteger.valueOf(cost).multiply(window[i])).subtract(window[i].multiply(capacity[i]));
            return ceilDiv(units, capacity[i]);
        }

        BucketReply take(long now, int cost, long maxWait, boolean peek) {
            int n = capacity.length;
            BigInteger[] debt = new BigInteger[n];
            boolean allowed = true;
            for (int i = 0; i < n; i++) {
                debt[i] = debt(i, now);
                allowed &= over(debt[i], i, cost) <= maxWait;
            }
            long retry = 0;
            int tightest = 0;
            long best = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long wait = over(debt[i], i, cost);
                if (allowed) {
                    retry = Math.max(retry, peek ? 0 : wait);
                    if (!peek) {
                        debt[i] = debt[i].add(BigInteger.valueOf(cost).multiply(window[i]));
                        fullAtUnits[i] = BigInteger.valueOf(now).multiply(capacity[i]).add(debt[i]);
                    }
                } else {
                    retry = Math.max(retry, wait);
                }
                long measure = allowed ? tokensOwed(debt[i], i) - capacity[i].longValueExact() : wait;
                if (measure > best) {
                    best = measure;
                    tightest = i;
                }
            }
            return reply(allowed, debt, retry, tightest);
        }

        BucketReply refund(long now, int cost) {
            int n = capacity.length;
            BigInteger[] debt = new BigInteger[n];
            boolean stored = false;
            for (int i = 0; i < n; i++) {
                debt[i] = debt(i, now);
                stored |= debt[i].signum() > 0;
            }
            int tightest = 0;
            long best = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                if (stored) {
                    debt[i] = debt[i].subtract(BigInteger.valueOf(cost).multiply(window[i])).max(BigInteger.ZERO);
                    fullAtUnits[i] = BigInteger.valueOf(now).multiply(capacity[i]).add(debt[i]);
                }
                long measure = tokensOwed(debt[i], i) - capacity[i].longValueExact();
                if (measure > best) {
                    best = measure;
                    tightest = i;
                }
            }
            return reply(stored, debt, 0, tightest);
        }

        private BucketReply reply(boolean allowed, BigInteger[] debt, long retry, int tightest) {
            long remaining = Long.MAX_VALUE;
            for (int i = 0; i < debt.length; i++) {
                remaining = Math.min(remaining, capacity[i].longValueExact() - tokensOwed(debt[i], i));
            }
            long reset = Math.max(ceilDiv(debt[tightest], capacity[tightest]), retry);
            return new BucketReply(allowed, Math.max(0, remaining), retry, reset, capacity[tightest].longValueExact(), tightest);
        }

        private long tokensOwed(BigInteger debt, int i) {
            return ceilDiv(debt, window[i]);
        }

        private static long ceilDiv(BigInteger a, BigInteger b) {
            BigInteger[] qr = a.divideAndRemainder(b);
            BigInteger q = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
            return q.longValueExact();
        }
    }
}
