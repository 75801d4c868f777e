package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class CountedOutcomesTest {

    @Test
    void byDefaultEveryOutcomeCounts() {
        assertFalse(CountedOutcomes.EVERY.mayRefund());
        assertFalse(CountedOutcomes.EVERY.refunds(null));
        assertFalse(CountedOutcomes.EVERY.refunds(new IOException()));
        assertFalse(CountedOutcomes.EVERY.refunds(new OutOfMemoryError()));
    }

    @Test
    void withCountOnOnlyThoseExceptionsAndTheirSubclassesCount() {
        CountedOutcomes failures = new CountedOutcomes(List.of(IOException.class), List.of());
        assertTrue(failures.mayRefund());
        assertTrue(failures.refunds(null), "a call that returned gets its tokens back");
        assertFalse(failures.refunds(new IOException()));
        assertFalse(failures.refunds(new FileNotFoundException()), "a subclass counts too");
        assertTrue(failures.refunds(new IllegalStateException()), "any other exception gets its tokens back");
    }

    @Test
    void refundOnGivesBackThoseExceptionsOnly() {
        CountedOutcomes refunded = new CountedOutcomes(List.of(), List.of(IllegalStateException.class));
        assertTrue(refunded.mayRefund());
        assertFalse(refunded.refunds(null));
        assertFalse(refunded.refunds(new IOException()));
        assertTrue(refunded.refunds(new IllegalStateException()));
    }

    @Test
    void refundOnWinsOverCountOn() {
        CountedOutcomes both = new CountedOutcomes(List.of(IOException.class), List.of(FileNotFoundException.class));
        assertFalse(both.refunds(new IOException()));
        assertTrue(both.refunds(new FileNotFoundException()), "listed in both, by subclass: refunded");
        assertTrue(both.refunds(null));
    }
}
