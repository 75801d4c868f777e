package io.jakartaredis.limiter.demo.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The batch verdict: only one limit shared by every node passes. */
class BurstResultTest {

    private static final Burst HELLO = new Burst("/api/hello", List.of(), "one client", "10 per 60 s", 30, 10);
    private static final List<Integer> PORTS = List.of(8080, 8081);

    @Test
    void capacityAdmittedInAllAndEveryNodeRejectingShowsOneSharedLimit() {
        assertTrue(answers(5, 10, 5, 10).showsOneSharedLimit());
    }

    @Test
    void eachNodeAdmittingTheWholeCapacityShowsALimitPerNode() {
        assertFalse(answers(10, 5, 10, 5).showsOneSharedLimit());
    }

    @Test
    void oneNodeAnsweringEverythingProvesNothingAboutSharing() {
        assertFalse(answers(10, 20, 0, 0).showsOneSharedLimit());
    }

    @Test
    void anErrorInsteadOfARejectionFails() {
        BurstResult result = answers(5, 10, 5, 9);
        result.count(8081, 500);
        assertFalse(result.showsOneSharedLimit());
    }

    private static BurstResult answers(int admittedFirst, int rejectedFirst, int admittedSecond, int rejectedSecond) {
        BurstResult result = new BurstResult(HELLO, PORTS);
        answer(result, 8080, 200, admittedFirst);
        answer(result, 8080, 429, rejectedFirst);
        answer(result, 8081, 200, admittedSecond);
        answer(result, 8081, 429, rejectedSecond);
        return result;
    }

    private static void answer(BurstResult result, int port, int status, int times) {
        for (int i = 0; i < times; i++) {
            result.count(port, status);
        }
    }
}
