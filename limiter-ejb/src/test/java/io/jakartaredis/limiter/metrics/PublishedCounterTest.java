package io.jakartaredis.limiter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The published names: what MicroProfile Metrics refuses must not happen at deployment. */
class PublishedCounterTest {

    @Test
    void eachNameHasOneDescriptionAndOneTagKey() {
        Map<String, PublishedCounter> first = new HashMap<>();
        for (PublishedCounter counter : PublishedCounter.values()) {
            PublishedCounter earlier = first.putIfAbsent(counter.metricName(), counter);
            if (earlier != null) {
                assertEquals(earlier.description(), counter.description(), counter.metricName());
                assertEquals(earlier.tagKey(), counter.tagKey(), counter.metricName());
            }
        }
    }

    @Test
    void noTwoCountersShareNameAndTag() {
        Set<String> seen = new HashSet<>();
        for (PublishedCounter counter : PublishedCounter.values()) {
            String id = counter.metricName() + "{" + counter.tagKey() + "=" + counter.tagValue() + "}";
            assertTrue(seen.add(id), "twice: " + id);
            if (counter.tagKey() == null) {
                assertNull(counter.tagValue(), id);
            }
        }
    }
}
