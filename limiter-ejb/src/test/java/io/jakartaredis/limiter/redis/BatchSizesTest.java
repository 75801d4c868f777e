package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Each batch size lands in its power-of-two range, at both edges of each. */
class BatchSizesTest {

    @Test
    void countsEachSizeInItsRangeAndTheMeanOfAll() {
        BatchSizes sizes = new BatchSizes();
        assertEquals(0, sizes.mean(), "nothing yet");
        for (int size : List.of(1, 2, 3, 4, 5, 8, 9, 16, 17, 32, 33, 64, 65, 128, 129, 256)) {
            sizes.record(size);
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("1", 1L);
        expected.put("2", 1L);
        for (String range : List.of("3-4", "5-8", "9-16", "17-32", "33-64", "65-128", "129+")) {
            expected.put(range, 2L);
        }
        assertEquals(expected, sizes.distribution());
        assertEquals(16, sizes.batches());
        assertEquals(772, sizes.commands());
        assertEquals(772 / 16.0, sizes.mean());
    }
}
