package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ARGV view is the list of the four leading arguments and the limit arguments, element for element. */
class ScriptArgumentsTest {

    private static final List<String> LIMITS = List.of("100000", "86400000", "5", "day@UTC 1 2 3 4");

    private static List<String> copied(int cost, String now, String operation, String concurrency, List<String> limitArgs) {
        List<String> args = new ArrayList<>(List.of(Integer.toString(cost), now, operation, concurrency));
        args.addAll(limitArgs);
        return args;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 63, 64, 65, 1000, 1_000_000_000, Integer.MAX_VALUE})
    void isTheCopiedListForEveryCost(int cost) {
        for (List<String> limits : List.of(LIMITS, List.<String>of())) {
            List<String> expected = copied(cost, "", "0", "2 30000 lease-1", limits);
            List<String> view = new ScriptArguments(cost, "", "0", "2 30000 lease-1", limits);
            assertEquals(expected, view);
            assertEquals(expected.hashCode(), view.hashCode());
            assertEquals(expected, new ArrayList<>(view), "as Jedis iterates it");
            assertEquals(expected.size(), view.toArray().length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 8, 100})
    void hasNoElementOutsideItsSize(int index) {
        List<String> view = new ScriptArguments(1, "", "0", "", LIMITS);
        assertThrows(IndexOutOfBoundsException.class, () -> view.get(index));
    }

    @Test
    void cannotBeChanged() {
        List<String> view = new ScriptArguments(1, "", "0", "", LIMITS);
        assertThrows(UnsupportedOperationException.class, () -> view.add("x"));
        assertThrows(UnsupportedOperationException.class, () -> view.set(0, "x"));
        assertThrows(UnsupportedOperationException.class, () -> view.remove(0));
    }
}
