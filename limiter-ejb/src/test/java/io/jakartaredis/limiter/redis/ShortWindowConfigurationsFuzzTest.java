package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * Two random configurations of short windows (7 ms to 2 s) alternate on one key, each node calling
 * at least every half of its smallest window, so that every stored entry stays configured. From the
 * moment both configurations are stored, every admitted call must be admissible under each
 * configuration's own token bucket, started from the stored state. Fixed seeds, explicit timeline.
 */
class ShortWindowConfigurationsFuzzTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Pattern ENTRY = Pattern.compile("(\\d+)/(\\d+) (\\d+) (\\d+) (\\d+)");
    private static final long[] WINDOWS = {7, 33, 50, 100, 300, 1_000, 2_000};

    @RegisterExtension
    final ScriptTimeline timeline = new ScriptTimeline(REDIS);

    @Test
    void everyAdmittedCallIsAdmissibleUnderBothConfigurations() {
        for (int seed = 0; seed < 24; seed++) {
            trial(seed);
        }
    }

    private void trial(int seed) {
        Random random = new Random(seed);
        List<long[]> first = randomConfiguration(random);
        List<long[]> second = randomConfiguration(random);
        List<List<long[]>> configurations = List.of(first, second);
        String[] text = {text(first), text(second)};
        if (text[0].equals(text[1])) {
            return;
        }
        timeline.reset();
        Model[] models = {new Model(first), new Model(second)};
        long[] smallestWindow = {smallestWindow(first), smallestWindow(second)};
        long smallestCapacity = configurations.stream().flatMap(List::stream).mapToLong(l -> l[0]).min().orElseThrow();
        long now = 0;
        long[] last = {-1, -1};
        for (int step = 0; step < 300; step++) {
            now += random.nextInt((int) (Math.min(smallestWindow[0], smallestWindow[1]) / 4) + 1);
            int node = step < 2 ? step : random.nextInt(2);
            for (int i = 1; i >= 0; i--) {
                if (last[i] >= 0 && now - last[i] >= smallestWindow[i] / 2) {
                    node = i;
                }
            }
            int cost = 1 + random.nextInt((int) smallestCapacity);
            boolean bothStored = step >= 2 && stored(now).keySet().containsAll(identities(first, second));
            boolean allowed = timeline.take(now, cost, text[node]).allowed();
            last[node] = now;
            if (!bothStored) {
                // Both configurations stored from here (the key had expired, or this is the start).
                Map<String, Long> entries = stored(now);
                for (Model model : models) {
                    model.start(entries, now);
                }
                continue;
            }
            if (allowed) {
                for (int i = 0; i < 2; i++) {
                    if (!models[i].admits(now, cost)) {
                        fail("seed " + seed + " step " + step + " at " + now + " ms: cost " + cost + " under " + text[node]
                                + " admitted, which " + text[i] + " rejects; configurations " + text[0] + " | " + text[1]);
                    }
                }
                for (Model model : models) {
                    model.charge(cost);
                }
            }
        }
    }

    private static List<long[]> randomConfiguration(Random random) {
        List<long[]> limits = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            limits.add(new long[] {2 + random.nextInt(19), WINDOWS[random.nextInt(WINDOWS.length)]});
        }
        return limits;
    }

    private static String text(List<long[]> limits) {
        return limits.stream().map(l -> l[0] + "/" + l[1] + "ms").collect(Collectors.joining(", "));
    }

    private static long smallestWindow(List<long[]> limits) {
        return limits.stream().mapToLong(l -> l[1]).min().orElseThrow();
    }

    private static List<String> identities(List<long[]> first, List<long[]> second) {
        List<String> ids = new ArrayList<>();
        for (long[] l : first) {
            ids.add(l[0] + "/" + l[1]);
        }
        for (long[] l : second) {
            ids.add(l[0] + "/" + l[1]);
        }
        return ids;
    }

    /** Each stored entry's tokens left at {@code now}, times its window (an integer). */
    private Map<String, Long> stored(long now) {
        Map<String, Long> entries = new HashMap<>();
        String value = timeline.value();
        long expiry = timeline.expiresAt();
        if (value == null || expiry < 0) {
            return entries;
        }
        Matcher entry = ENTRY.matcher(value);
        while (entry.find()) {
            long capacity = Long.parseLong(entry.group(1));
            long window = Long.parseLong(entry.group(2));
            long debt = Math.max(0, (expiry - Long.parseLong(entry.group(4)) - now) * capacity - Long.parseLong(entry.group(3)));
            entries.put(capacity + "/" + window, capacity * window - debt);
        }
        return entries;
    }

    /** One configuration's own token bucket, exact: tokens of limit i times its window. */
    private static final class Model {
        private final List<long[]> limits;
        private final long[] scaledTokens;
        private long at;

        Model(List<long[]> limits) {
            this.limits = limits;
            this.scaledTokens = new long[limits.size()];
        }

        void start(Map<String, Long> entries, long now) {
            for (int i = 0; i < scaledTokens.length; i++) {
                long[] l = limits.get(i);
                scaledTokens[i] = entries.getOrDefault(l[0] + "/" + l[1], l[0] * l[1]);
            }
            at = now;
        }

        boolean admits(long now, int cost) {
            boolean admits = true;
            for (int i = 0; i < scaledTokens.length; i++) {
                long[] l = limits.get(i);
                scaledTokens[i] = Math.min(l[0] * l[1], scaledTokens[i] + (now - at) * l[0]);
                admits &= scaledTokens[i] >= cost * l[1];
            }
            at = now;
            return admits;
        }

        void charge(int cost) {
            for (int i = 0; i < scaledTokens.length; i++) {
                scaledTokens[i] -= cost * limits.get(i)[1];
            }
        }
    }
}
