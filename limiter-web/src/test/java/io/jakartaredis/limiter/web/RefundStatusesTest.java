package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefundStatusesTest {

    @Test
    void codesAndClassesAreRefunded() {
        RefundStatuses statuses = RefundStatuses.parse(" 5xx , 304,4XX");
        assertEquals(new RefundStatuses(Set.of(304), Set.of(4, 5)), statuses);
        for (int refunded : new int[] {304, 400, 429, 499, 500, 503, 599}) {
            assertTrue(statuses.contains(refunded), Integer.toString(refunded));
        }
        for (int kept : new int[] {200, 201, 301, 399, 600, 0, -500}) {
            assertFalse(statuses.contains(kept), Integer.toString(kept));
        }
        assertEquals("4xx, 5xx, 304", statuses.toString());
    }

    @Test
    void noStatusIsRefundedByDefault() {
        assertTrue(RefundStatuses.NONE.isEmpty());
        assertFalse(RefundStatuses.NONE.contains(503));
        assertFalse(RefundStatuses.parse("503").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"099", "600", "6xx", "0xx", "5x", "50x", "5xxx", "2000", "ok", "304,", ",304", "304 500", "-304", "30 4"})
    void anythingButCodesFrom100To599AndClasses1xxTo5xxIsRejected(String invalid) {
        assertThrows(IllegalArgumentException.class, () -> RefundStatuses.parse(invalid));
    }
}
