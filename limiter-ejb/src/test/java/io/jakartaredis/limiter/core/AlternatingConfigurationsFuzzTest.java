package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * Hostile input: two deployments (or two applications sharing a Redis and a policy name)
 * configure one policy differently, and one client's calls reach them in random order. However
 * the configurations differ, the client is never admitted more than the stricter one admits.
 *
 * <p>Each deployment sees the client from its first two calls on: before a limit is stored
 * anywhere, no node can know it (the first call costs at most 3 of at least 5 tokens).
 */
class AlternatingConfigurationsFuzzTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String[] WINDOWS = {"1h", "2h", "1d", "60m", "3600s"};
    private static final long[] WINDOW_MILLIS = {3_600_000, 7_200_000, 86_400_000, 3_600_000, 3_600_000};

    /** Limits of 5 to 60 tokens per long window: during one run the Redis clock refills less than one token. */
    private record Limits(String text, long[] tokens, long[] windowMillis) {
        static Limits random(Random random) {
            int count = 1 + random.nextInt(3);
            List<String> parts = new ArrayList<>();
            long[] tokens = new long[count];
            long[] windows = new long[count];
            for (int i = 0; i < count; i++) {
                int window = random.nextInt(WINDOWS.length);
                tokens[i] = 5 + random.nextInt(56);
                windows[i] = WINDOW_MILLIS[window];
                parts.add(tokens[i] + "/" + WINDOWS[window]);
            }
            return new Limits(parts.stream().collect(Collectors.joining(", ")), tokens, windows);
        }

        /** Tokens this configuration admits at most over {@code elapsedMillis}: its tightest limit's capacity plus refill. */
        long admitsAtMost(long elapsedMillis) {
            long most = Long.MAX_VALUE;
            for (int i = 0; i < tokens.length; i++) {
                most = Math.min(most, tokens[i] + elapsedMillis * tokens[i] / windowMillis[i]);
            }
            return most;
        }
    }

    @RepeatedTest(20)
    void randomlyInterleavedCallsOfTwoConfigurationsNeverExceedTheStricter(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        Limits a = Limits.random(random);
        Limits b = Limits.random(random);
        String client = "alternating-" + repetition.getCurrentRepetition();
        long admittedTokens = 0;
        long start = System.nanoTime();
        try (RedisRateLimiter nodeA = node(a); RedisRateLimiter nodeB = node(b)) {
            boolean firstToA = random.nextBoolean();
            for (int call = 0; call < 300; call++) {
                int cost = 1 + random.nextInt(3);
                RedisRateLimiter node = call < 2 ? (firstToA == (call == 0) ? nodeA : nodeB)
                        : random.nextBoolean() ? nodeA : nodeB;
                admittedTokens += node.tryAcquire("api", client, cost).allowed() ? cost : 0;
            }
        }
        // One second more than measured, for the distance between this clock and Redis's.
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000 + 1_000;
        long stricter = Math.min(a.admitsAtMost(elapsedMillis), b.admitsAtMost(elapsedMillis));
        assertTrue(admittedTokens <= stricter, "admitted " + admittedTokens + " tokens under [" + a.text() + "] and ["
                + b.text() + "], the stricter admits " + stricter);
        assertTrue(admittedTokens > 0, "a fresh client is admitted at first");
    }

    /** One deployment; without a deny cache, every call asks the script. */
    private static RedisRateLimiter node(Limits limits) {
        return TestLimiters.limiter(REDIS.server(), "limiter.policy.api.limits", limits.text(),
                "limiter.deny-cache.enabled", "false");
    }
}
