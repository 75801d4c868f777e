package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jakartaredis.limiter.config.CalendarUnit;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Two nodes configure one policy differently, each change involving a calendar limit (its
 * capacity, its zone, the calendar limit added beside a bucket limit or removed), and call one
 * client's bucket in a random order over three days that include Berlin's 25-hour day, in bursts
 * and with long gaps. Every admitted call is checked against the rules of "When limits change":
 * <ul>
 * <li>a node configuring a calendar capacity C admits a call only while the day's shared count
 *     (every call admitted by either node in that day of that zone) stays within C: the calendar
 *     exception, so a day admits at most the larger capacity;</li>
 * <li>a day limit (of either zone) admits at most the largest capacity configured for it from the
 *     first call that a node configuring it admits in that day on (a lenient node's calls before
 *     it are not counted: the documented bound of the guarantee);</li>
 * <li>the bucket limit both nodes configure, {@code 2/1s}, never admits more than 2 + 2 per second
 *     in any second.</li>
 * </ul>
 */
class CalendarLimitChangeFuzzTest {

    @RegisterExtension
    @Order(1)
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String KEY = "rate_limit:calfuzz:client";
    private static final long START = LocalDateTime.parse("2027-10-30T00:00:00").toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long END = START + 3 * 86_400_000L;

    @RegisterExtension
    @Order(2)
    final ScriptTimeline timeline = new ScriptTimeline(REDIS);
    private TokenBucketScript script;

    @BeforeEach
    void connect() {
        script = timeline.script();
    }

    private record Node(List<Limit> limits) {
        Limit day() {
            return limits.stream().filter(Limit::isCalendar).findFirst().orElse(null);
        }
    }

    private record Call(long at, int node) {
    }

    @ParameterizedTest(name = "{0} ({1}) and {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
        2/1s, 5/day | UTC           | 2/1s, 8/day | UTC
        2/1s, 8/day | Europe/Berlin | 2/1s, 3/day | Europe/Berlin
        2/1s, 5/day | UTC           | 2/1s, 5/day | Europe/Berlin
        2/1s, 4/day | Europe/Berlin | 2/1s, 7/day | UTC
        2/1s        | UTC           | 2/1s, 5/day | UTC
        2/1s, 6/day | Europe/Berlin | 2/1s        | UTC
        """)
    void noChangeOfACalendarLimitAdmitsMoreThanTheDocumentedRulesAllow(String limitsA, String zoneA, String limitsB,
            String zoneB) {
        Node[] nodes = {new Node(LimiterConfigReader.parseLimits("a", limitsA, ZoneId.of(zoneA))),
                new Node(LimiterConfigReader.parseLimits("b", limitsB, ZoneId.of(zoneB)))};
        for (long seed = 1; seed <= 25; seed++) {
            try (Jedis jedis = REDIS.server().admin()) {
                jedis.del(KEY);
            }
            SplittableRandom random = new SplittableRandom(seed);
            List<Call> calls = new ArrayList<>();
            List<Call> admitted = new ArrayList<>();
            // Per day (its start, per zone): the count every admitted call adds to, as the script keeps it.
            Map<String, Integer> shared = new HashMap<>();
            long now = START;
            while (now < END) {
                int node = random.nextInt(100) < 50 ? 0 : 1;
                Call call = new Call(now, node);
                calls.add(call);
                BucketReply reply = script.takeAt(KEY, 1, now, TokenBucketScript.limitArgs(nodes[node].limits(), now));
                if (reply.allowed()) {
                    Limit day = nodes[node].day();
                    String context = "seed " + seed + ", node " + node + " at " + now;
                    if (day != null && configuredBoth(nodes, day)) {
                        int before = shared.getOrDefault(dayOf(day, now), 0);
                        assertTrue(before + 1 <= day.tokens(), context + ": the shared count " + before
                                + " passed the node's own capacity " + day.tokens());
                    }
                    admitted.add(call);
                    java.util.Set<String> days = new java.util.HashSet<>();
                    for (Node each : nodes) {
                        if (each.day() != null) {
                            days.add(dayOf(each.day(), now));
                        }
                    }
                    for (String each : days) {
                        shared.merge(each, 1, Integer::sum);
                    }
                }
                now += random.nextInt(100) < 40 ? random.nextInt(400) : random.nextLong(3_600_000);
            }
            checkDays(nodes, admitted, seed);
            checkRate(admitted, seed);
        }
    }

    /** Whether both nodes configure this calendar identity: then the count is one, shared. */
    private static boolean configuredBoth(Node[] nodes, Limit day) {
        for (Node node : nodes) {
            if (node.day() == null || !node.day().calendarId().equals(day.calendarId())) {
                return false;
            }
        }
        return true;
    }

    private static String dayOf(Limit day, long at) {
        return day.calendarId() + " " + CalendarUnit.DAY.starts(at, day.zone(), 0, 1)[0];
    }

    /**
     * Each configured day admits at most its largest configured capacity from the first call that
     * a node configuring it admits in that day on: a calendar entry with 0 used is not stored, so
     * a lenient node's calls before it are not counted.
     */
    private static void checkDays(Node[] nodes, List<Call> admitted, long seed) {
        for (int n = 0; n < nodes.length; n++) {
            Limit day = nodes[n].day();
            if (day == null) {
                continue;
            }
            Map<String, Long> firstCall = new HashMap<>();
            for (Call call : admitted) {
                if (configures(nodes[call.node()], day)) {
                    firstCall.putIfAbsent(dayOf(day, call.at()), call.at());
                }
            }
            long largest = largestCapacity(nodes, day);
            Map<String, Integer> counted = new HashMap<>();
            for (Call call : admitted) {
                String period = dayOf(day, call.at());
                Long first = firstCall.get(period);
                if (first != null && call.at() >= first) {
                    int count = counted.merge(period, 1, Integer::sum);
                    assertTrue(count <= largest, "seed " + seed + ": " + period + " admitted " + count + " > " + largest);
                }
            }
        }
    }

    private static boolean configures(Node node, Limit day) {
        return node.day() != null && node.day().calendarId().equals(day.calendarId());
    }

    private static long largestCapacity(Node[] nodes, Limit day) {
        long largest = 0;
        for (Node node : nodes) {
            if (configures(node, day)) {
                largest = Math.max(largest, node.day().tokens());
            }
        }
        return largest;
    }

    /** {@code 2/1s}: within any 1,000 ms at most the burst of 2 plus 2 refilled. */
    private static void checkRate(List<Call> admitted, long seed) {
        int from = 0;
        for (int i = 0; i < admitted.size(); i++) {
            while (admitted.get(i).at() - admitted.get(from).at() >= 1000) {
                from++;
            }
            assertTrue(i - from + 1 <= 4, "seed " + seed + ": " + (i - from + 1) + " admitted within 1 s at " + admitted.get(i).at());
        }
    }
}
