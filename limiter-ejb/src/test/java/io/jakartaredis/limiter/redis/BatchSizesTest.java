package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BatchSizesTest {

    @Test
    void countsEachBatchInItsPowerOfTwoRange() {
        BatchSizes sizes = new BatchSizes();
        for (int size : List.of(1, 1, 2, 3, 4, 5, 8, 9, 16, 17, 32, 33, 64, 65, 128, 129, 256, 1000)) {
            sizes.record(size);
        }
        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        expected.put("1", 2L);
        expected.put("2", 1L);
        expected.put("3-4", 2L);
        expected.put("5-8", 2L);
        expected.put("9-16", 2L);
        expected.put("17-32", 2L);
        expected.put("33-64", 2L);
        expected.put("65-128", 2L);
        expected.put("129+", 3L);
        assertEquals(expected, sizes.distribution());
        assertEquals(18, sizes.batches());
        assertEquals(1 + 1 + 2 + 3 + 4 + 5 + 8 + 9 + 16 + 17 + 32 + 33 + 64 + 65 + 128 + 129 + 256 + 1000, sizes.commands());
        assertEquals(sizes.commands() / 18.0, sizes.mean());
    }

    @Test
    void nothingCountedMeansAMeanOfZero() {
        BatchSizes sizes = new BatchSizes();
        assertEquals(0, sizes.batches());
        assertEquals(0, sizes.mean());
        assertEquals(9, sizes.distribution().size());
    }
}
