package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.keys.KeyStrategy;

class LimitedCallTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Decision TAKEN = new Decision("login", true, 5, WINDOW, 4, 0, 180_000);
    private static final Decision REJECTED = new Decision("login", false, 5, WINDOW, 0, 60_000, 900_000);
    private static final Decision SHADOW_REJECTED = new Decision("login", true, 5, WINDOW, 0, 60_000, 900_000, 0, true, false);
    private static final Decision HOLDING_SLOT = new Decision("login", true, 5, WINDOW, 4, 0, 180_000, 0, false, true,
            Decision.DEFAULT_TIER, "lease-1@hdr:alice", 3);
    private static final Decision ADMITTED_BY_FAILURE_POLICY = new Decision("login", true, 5, WINDOW, 5, 0, 0, 0, false, false);

    /** Answers every call with one decision and records what it was asked. */
    private static final class ScriptedLimiter implements RateLimiter {
        final List<String> calls = new ArrayList<>();
        Decision answer = TAKEN;
        Throwable refundFailure;
        RuntimeException releaseFailure;
        boolean interruptOnWait;

        @Override
        public Decision tryAcquire(String policy, String tier, String clientKey, int cost) {
            calls.add("tryAcquire " + policy + " " + clientKey + " " + cost + inTier(tier));
            return answer;
        }

        @Override
        public Decision peek(String policy, String tier, String clientKey, int cost) {
            throw new UnsupportedOperationException("a limited call never peeks");
        }

        @Override
        public void refund(String policy, String tier, String clientKey, int cost) {
            calls.add("refund " + policy + " " + clientKey + " " + cost + inTier(tier));
            if (refundFailure instanceof RuntimeException e) {
                throw e;
            }
            if (refundFailure instanceof Error e) {
                throw e;
            }
        }

        @Override
        public void release(Decision decision) {
            calls.add("release " + decision.leaseId());
            if (releaseFailure != null) {
                throw releaseFailure;
            }
        }

        @Override
        public Decision acquire(String policy, String tier, String clientKey, int cost, Duration maxWait) {
            calls.add("acquire " + policy + " " + clientKey + " " + cost + " " + maxWait + inTier(tier));
            if (interruptOnWait) {
                Thread.currentThread().interrupt();
            }
            return answer;
        }

        private static String inTier(String tier) {
            return tier.isEmpty() ? "" : " tier " + tier;
        }

        @Override
        public PolicyConfig policy(String name) {
            throw new UnsupportedOperationException("a limited call never reads its policy");
        }
    }

    private final ScriptedLimiter limiter = new ScriptedLimiter();
    private final AtomicInteger ran = new AtomicInteger();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static LimitedMethod countingOnly(Class<? extends Throwable> counted) {
        return new LimitedMethod("login", new KeyStrategy.Global(), null, 2,
                new CountedOutcomes(List.of(counted), List.of()), Duration.ZERO);
    }

    private Object run(LimitedMethod method, LimitedCall.Proceed body) throws Exception {
        return LimitedCall.run(limiter, method, "hdr:alice", Decision.DEFAULT_TIER, () -> {
            ran.incrementAndGet();
            return body.proceed();
        });
    }

    @Test
    void aCallHoldingASlotReleasesItAfterReturningAndAfterThrowingAfterItsRefund() throws Exception {
        limiter.answer = HOLDING_SLOT;
        assertEquals("session", run(countingOnly(IOException.class), () -> "session"));
        IllegalStateException bug = new IllegalStateException("thrown by the method");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> run(countingOnly(IOException.class), () -> {
            throw bug;
        })));
        IOException counted = new IOException("counted");
        assertSame(counted, assertThrows(IOException.class, () -> run(countingOnly(IOException.class), () -> {
            throw counted;
        })));
        assertEquals(List.of("tryAcquire login hdr:alice 2", "refund login hdr:alice 2", "release lease-1@hdr:alice",
                "tryAcquire login hdr:alice 2", "refund login hdr:alice 2", "release lease-1@hdr:alice",
                "tryAcquire login hdr:alice 2", "release lease-1@hdr:alice"), limiter.calls);
    }

    @Test
    void aMethodReturningAStageHoldsItsSlotUntilTheStageCompletesNormallyOrExceptionally() throws Exception {
        limiter.answer = HOLDING_SLOT;
        LimitedMethod every = new LimitedMethod("login", new KeyStrategy.Global(), null, 2);
        CompletableFuture<String> report = new CompletableFuture<>();
        assertSame(report, run(every, () -> report), "the caller gets the method's own stage");
        assertEquals(List.of("tryAcquire login hdr:alice 2"), limiter.calls, "still running: the slot is held");
        report.complete("done");
        assertEquals(List.of("tryAcquire login hdr:alice 2", "release lease-1@hdr:alice"), limiter.calls);
        CompletableFuture<String> failing = new CompletableFuture<>();
        run(every, () -> failing.minimalCompletionStage());
        assertEquals(3, limiter.calls.size(), "a minimal stage is held too");
        failing.completeExceptionally(new IOException("the work failed"));
        assertEquals(List.of("tryAcquire login hdr:alice 2", "release lease-1@hdr:alice",
                "tryAcquire login hdr:alice 2", "release lease-1@hdr:alice"), limiter.calls);
        report.complete("twice");
        assertEquals(4, limiter.calls.size(), "released once");
    }

    @Test
    void aReleaseThatFailsLeavesTheOutcomeAsItWas() throws Exception {
        limiter.answer = HOLDING_SLOT;
        limiter.releaseFailure = new IllegalStateException("the limiter is closed");
        LimitedMethod every = new LimitedMethod("login", new KeyStrategy.Global(), null, 2);
        assertEquals("ok", run(every, () -> "ok"));
        IOException thrown = new IOException("the method's");
        assertSame(thrown, assertThrows(IOException.class, () -> run(every, () -> {
            throw thrown;
        })));
        assertEquals(2, ran.get());
    }

    @Test
    void aRejectedCallReleasesNothing() {
        limiter.answer = REJECTED;
        assertThrows(io.jakartaredis.limiter.RateLimitExceededException.class,
                () -> run(new LimitedMethod("login", new KeyStrategy.Global(), null, 2), () -> "never"));
        assertEquals(List.of("tryAcquire login hdr:alice 2"), limiter.calls);
        assertEquals(0, ran.get());
    }

    @Test
    void aCallThatCountsKeepsItsTokens() throws Exception {
        LimitedMethod every = new LimitedMethod("login", new KeyStrategy.Global(), null, 2);
        assertEquals("ok", run(every, () -> "ok"));
        assertThrows(IOException.class, () -> run(every, () -> {
            throw new IOException("counted");
        }));
        assertEquals(List.of("tryAcquire login hdr:alice 2", "tryAcquire login hdr:alice 2"), limiter.calls);
    }

    @Test
    void underCountOnAReturnedCallIsRefundedWithTheKeyAndCostItTook() throws Exception {
        assertEquals("session", run(countingOnly(IOException.class), () -> "session"));
        assertEquals(List.of("tryAcquire login hdr:alice 2", "refund login hdr:alice 2"), limiter.calls);
    }

    @Test
    void theTierTakesAndTheTierThatDecidedIsRefunded() throws Exception {
        limiter.answer = new Decision("login", true, 50, WINDOW, 49, 0, 0, 0, false, true, "gold", null);
        assertEquals("session", LimitedCall.run(limiter, countingOnly(IOException.class), "hdr:alice", "gold", () -> "session"));
        limiter.answer = new Decision("login", true, 5, WINDOW, 4, 0, 0, 0, false, true, Decision.DEFAULT_TIER, null);
        assertEquals("session", LimitedCall.run(limiter, countingOnly(IOException.class), "hdr:alice", "platinum", () -> "session"));
        assertEquals(List.of("tryAcquire login hdr:alice 2 tier gold", "refund login hdr:alice 2 tier gold",
                "tryAcquire login hdr:alice 2 tier platinum", "refund login hdr:alice 2"), limiter.calls,
                "an unknown tier was decided by the policy's own limits, which get the refund");
    }

    @Test
    void underCountOnTheCountedExceptionReachesTheCallerUnchangedAndKeepsItsTokens() {
        IOException failedLogin = new IOException("invalid credentials");
        assertSame(failedLogin, assertThrows(IOException.class, () -> run(countingOnly(IOException.class), () -> {
            throw failedLogin;
        })));
        assertEquals(List.of("tryAcquire login hdr:alice 2"), limiter.calls);
    }

    @Test
    void anotherExceptionIsRefundedAndStillThrown() {
        IllegalStateException bug = new IllegalStateException("not a failed login");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> run(countingOnly(IOException.class), () -> {
            throw bug;
        })));
        assertEquals(List.of("tryAcquire login hdr:alice 2", "refund login hdr:alice 2"), limiter.calls);
    }

    @Test
    void nothingIsRefundedThatWasNotTaken() throws Exception {
        for (Decision untaken : List.of(SHADOW_REJECTED, ADMITTED_BY_FAILURE_POLICY)) {
            limiter.answer = untaken;
            assertEquals("session", run(countingOnly(IOException.class), () -> "session"));
        }
        assertEquals(List.of("tryAcquire login hdr:alice 2", "tryAcquire login hdr:alice 2"), limiter.calls);
    }

    /** An exception, or an error such as a Jedis class missing from a badly packaged application. */
    static List<Throwable> refundFailures() {
        return List.of(new IllegalStateException("refund failed"), new NoClassDefFoundError("redis/clients/jedis/Jedis"));
    }

    @ParameterizedTest
    @MethodSource("refundFailures")
    void aFailingRefundChangesNeitherTheResultNorTheException(Throwable failure) throws Exception {
        limiter.refundFailure = failure;
        assertEquals("session", run(countingOnly(IOException.class), () -> "session"));
        IllegalArgumentException thrown = new IllegalArgumentException("the method's own");
        assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> run(countingOnly(IOException.class), () -> {
            throw thrown;
        })));
        assertEquals(2, limiter.calls.stream().filter(call -> call.startsWith("refund")).count());
    }

    @Test
    void aRejectedCallDoesNotRunAndTakesNothingBack() {
        limiter.answer = REJECTED;
        RateLimitExceededException e = assertThrows(RateLimitExceededException.class,
                () -> run(countingOnly(IOException.class), () -> "session"));
        assertSame(REJECTED, e.decision());
        assertEquals(0, ran.get());
        assertEquals(List.of("tryAcquire login hdr:alice 2"), limiter.calls);
    }

    @Test
    void aMethodWithMaxWaitWaitsThroughAcquire() throws Exception {
        LimitedMethod waiting = new LimitedMethod("login", new KeyStrategy.Global(), null, 1, CountedOutcomes.EVERY,
                Duration.ofSeconds(3));
        assertEquals("ok", run(waiting, () -> "ok"));
        assertEquals(List.of("acquire login hdr:alice 1 PT3S"), limiter.calls);
    }

    @Test
    void anInterruptedWaitThrowsAndKeepsTheInterruptFlag() {
        limiter.answer = REJECTED;
        limiter.interruptOnWait = true;
        LimitedMethod waiting = new LimitedMethod("login", new KeyStrategy.Global(), null, 1, CountedOutcomes.EVERY,
                Duration.ofSeconds(3));
        assertThrows(RateLimitExceededException.class, () -> run(waiting, () -> "ok"));
        assertTrue(Thread.currentThread().isInterrupted());
        assertEquals(0, ran.get());
    }
    @Test
    void theObserverHearsOfAnAdmissionBeforeTheMethodRunsAndOfARejectionBeforeItIsThrown() throws Exception {
        List<String> heard = new ArrayList<>();
        CallDecisionObserver observer = (decidedBy, decision) -> heard.add(decision.allowed() + " after " + ran.get() + " runs");
        LimitedMethod method = countingOnly(IOException.class);
        assertEquals("done", LimitedCall.run(limiter, observer, method, "hdr:alice", Decision.DEFAULT_TIER, () -> {
            ran.incrementAndGet();
            return "done";
        }));
        limiter.answer = REJECTED;
        RateLimitExceededException rejected = assertThrows(RateLimitExceededException.class,
                () -> LimitedCall.run(limiter, observer, method, "hdr:alice", Decision.DEFAULT_TIER, () -> "never"));
        assertSame(REJECTED, rejected.decision());
        assertEquals(List.of("true after 0 runs", "false after 1 runs"), heard);
    }

    @Test
    void anObserverThatFailsChangesNothingForTheCaller() throws Exception {
        CallDecisionObserver failing = (decidedBy, decision) -> {
            throw new IllegalStateException("response refuses headers");
        };
        assertEquals("done", LimitedCall.run(limiter, failing, countingOnly(IOException.class), "hdr:alice",
                Decision.DEFAULT_TIER, () -> "done"));
    }

    @Test
    void anObserverThatThrowsAnErrorGivesTheSlotBackAndTheMethodDoesNotRun() {
        limiter.answer = HOLDING_SLOT;
        CallDecisionObserver broken = (decidedBy, decision) -> {
            throw new AssertionError("observer broken");
        };
        assertThrows(AssertionError.class, () -> LimitedCall.run(limiter, broken, countingOnly(IOException.class),
                "hdr:alice", Decision.DEFAULT_TIER, () -> ran.incrementAndGet()));
        assertEquals(0, ran.get());
        assertEquals(List.of("tryAcquire login hdr:alice 2", "release lease-1@hdr:alice"), limiter.calls);
    }

    @Test
    void registeredObserversAreToldInTurnUntilTheyAreRemovedAndOneThatFailsDoesNotSilenceTheOthers() throws Exception {
        List<String> heard = new ArrayList<>();
        Runnable failing = CallDecisionObservers.register((decidedBy, decision) -> {
            throw new NoClassDefFoundError("a stopped application's class");
        });
        Runnable first = CallDecisionObservers.register((decidedBy, decision) -> heard.add("first " + decision.allowed()));
        Runnable second = CallDecisionObservers.register((decidedBy, decision) -> heard.add("second " + decision.allowed()));
        try {
            LimitedCall.run(limiter, CallDecisionObservers.REGISTERED, countingOnly(IOException.class), "hdr:alice",
                    Decision.DEFAULT_TIER, () -> "done");
            first.run();
            LimitedCall.run(limiter, CallDecisionObservers.REGISTERED, countingOnly(IOException.class), "hdr:alice",
                    Decision.DEFAULT_TIER, () -> "done");
        } finally {
            failing.run();
            first.run();
            second.run();
        }
        assertEquals(List.of("first true", "second true", "second true"), heard);
    }
}
