package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The batching alone, over a fake wire whose reading of a batch answers each command with its own
 * tag: who reads, when, in which order, and that each caller gets exactly one answer, its own, in
 * bounded time.
 */
class CommandBatchesTest {

    private static final long LONG_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aCallerAloneIsSentAtOnceAloneOnItsOwnThread() {
        List<String> senders = Collections.synchronizedList(new ArrayList<>());
        BatchSizes sizes = new BatchSizes();
        CommandBatches<Object> batches = new CommandBatches<>(new FakeWire(batch -> {
            senders.add(Thread.currentThread().getName() + ":" + batch.size());
            batch.forEach(CommandBatchesTest::echo);
        }), 2, 2, sizes);
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            assertEquals("alone-" + i, batches.send(tagged("alone-" + i), deadline()));
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100), "a lone caller waits for nothing");
        }
        assertEquals(Collections.nCopies(100, Thread.currentThread().getName() + ":1"), senders);
        assertEquals(100, sizes.batches());
        assertEquals(1.0, sizes.mean());
    }

    @Test
    void sixtyFourThreadsOfTwoThousandCommandsEachGetTheirOwnRepliesThroughAtMostTwoBatchesAtOnce() throws Exception {
        int callers = 64;
        int commandsEach = 2_000;
        AtomicInteger sending = new AtomicInteger();
        AtomicInteger mostSending = new AtomicInteger();
        BatchSizes sizes = new BatchSizes();
        CommandBatches<Object> batches = new CommandBatches<>(new FakeWire(batch -> {
            mostSending.accumulateAndGet(sending.incrementAndGet(), Math::max);
            LockSupport.parkNanos(20_000); // a round trip: the others queue meanwhile
            List<QueuedCommand<?>> reversed = new ArrayList<>(batch); // answered in any order, each its own
            Collections.reverse(reversed);
            reversed.forEach(CommandBatchesTest::echo);
            sending.decrementAndGet();
        }), 2, 2, sizes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            String caller = "caller-" + c;
            results.add(threads.submit(() -> {
                start.await();
                int own = 0;
                for (int i = 0; i < commandsEach; i++) {
                    String tag = caller + "#" + i;
                    own += tag.equals(batches.send(tagged(tag), deadline())) ? 1 : 0;
                }
                return own;
            }));
        }
        start.countDown();
        for (Future<Integer> result : results) {
            assertEquals(commandsEach, result.get(60, TimeUnit.SECONDS), "replies that were the caller's own");
        }
        System.out.printf("CommandBatches, %d callers x %d commands: %d batches, mean %.1f, sizes %s%n", callers,
                commandsEach, sizes.batches(), sizes.mean(), sizes.distribution());
        assertEquals((long) callers * commandsEach, sizes.commands(), "every command was sent once");
        assertTrue(mostSending.get() <= 2, "batches in the sender at once: " + mostSending.get());
        assertTrue(sizes.mean() > 1, "callers shared writes: mean batch " + sizes.mean());
    }

    @Test
    void queuedCommandsAreSentInTheOrderTheyQueued() throws Exception {
        Sends sends = new Sends();
        CommandBatches<Object> batches = new CommandBatches<>(new FakeWire(sends), 1, 1, new BatchSizes());
        Future<String> lead = sendAsync(batches, "lead", deadline());
        sends.awaitBatch(1);
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(sendQueued(batches, "q" + i, deadline()));
        }
        sends.release();
        assertEquals("lead", lead.get(5, TimeUnit.SECONDS));
        for (int i = 0; i < 10; i++) {
            assertEquals("q" + i, queued.get(i).get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of(List.of("lead"), List.of("q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9")),
                sends.batches());
    }

    @Test
    void aCallerWhoseDeadlinePassesWhileQueuedTimesOutAndIsNeverSent() throws Exception {
        Sends sends = new Sends();
        CommandBatches<Object> batches = new CommandBatches<>(new FakeWire(sends), 1, 1, new BatchSizes());
        Future<String> lead = sendAsync(batches, "lead", deadline());
        sends.awaitBatch(1);
        long start = System.nanoTime();
        Future<String> late = sendQueued(batches, "late", System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        Future<String> patient = sendQueued(batches, "patient", deadline());
        JedisConnectionException timeout = timeoutOf(late);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(timeout.getMessage().contains("not sent"), timeout.getMessage());
        assertTrue(RedisFailure.isTimeout(timeout), "counts as a timeout");
        assertTrue(tookMillis >= 90 && tookMillis < 1_000, "timed out after " + tookMillis + " ms of a 100 ms deadline");
        sends.release();
        assertEquals("lead", lead.get(5, TimeUnit.SECONDS));
        assertEquals("patient", patient.get(5, TimeUnit.SECONDS));
        assertEquals("after", batches.send(tagged("after"), deadline()));
        assertEquals(List.of(List.of("lead"), List.of("patient"), List.of("after")), sends.batches(),
                "the timed-out command was never sent");
    }

    @Test
    void aCallerWhoseDeadlinePassesAfterItWasSentTimesOutOnceAndItsLateReplyIsDropped() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Boolean> lateWasDoneWhenAnswered = new CompletableFuture<>();
        List<Future<String>> outcomes = new ArrayList<>();
        CommandBatches<Object> batches = new CommandBatches<>(new FakeWire(batch -> {
            if (tagOf(batch.get(0)).equals("first")) {
                firstSent.countDown();
                await(releaseFirst);
            } else if (tagOf(batch.get(0)).equals("leader")) {
                await(outcomes.get(1)); // the batch of "leader" and "late" is answered after "late" gave up
                lateWasDoneWhenAnswered.complete(batch.get(1).done());
            }
            batch.forEach(CommandBatchesTest::echo);
        }), 1, 1, new BatchSizes());
        Future<String> first = sendAsync(batches, "first", deadline());
        await(firstSent);
        outcomes.add(sendQueued(batches, "leader", deadline()));
        long start = System.nanoTime();
        outcomes.add(sendQueued(batches, "late", System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150)));
        releaseFirst.countDown();
        assertEquals("first", first.get(5, TimeUnit.SECONDS));
        JedisConnectionException timeout = timeoutOf(outcomes.get(1));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(timeout.getMessage().contains("sent in a pipelined batch"), timeout.getMessage());
        assertTrue(tookMillis >= 140 && tookMillis < 1_000, "timed out after " + tookMillis + " ms of a 150 ms deadline");
        assertEquals("leader", outcomes.get(0).get(5, TimeUnit.SECONDS));
        assertTrue(lateWasDoneWhenAnswered.get(5, TimeUnit.SECONDS), "the late reply found its caller gone");
        assertEquals("next", batches.send(tagged("next"), deadline()), "the stream of answers stays aligned");
    }

    @Test
    void aSenderThatThrowsFailsItsOwnBatchOnlyAndTheNextCallersAreStillSent() throws Exception {
        Sends sends = new Sends();
        IllegalStateException broken = new IllegalStateException("connection broke");
        CountDownLatch failingSent = new CountDownLatch(1);
        CountDownLatch queuedBehind = new CountDownLatch(1);
        CommandBatches<Object> batches = new CommandBatches<>(new FakeWire(batch -> {
            if (tagOf(batch.get(0)).equals("fails-1")) {
                failingSent.countDown();
                await(queuedBehind);
                throw broken;
            }
            sends.send(batch);
        }), 1, 1, new BatchSizes());
        Future<String> lead = sendAsync(batches, "lead", deadline());
        sends.awaitBatch(1);
        Future<String> failing1 = sendQueued(batches, "fails-1", deadline());
        Future<String> failing2 = sendQueued(batches, "fails-2", deadline());
        sends.release();
        assertEquals("lead", lead.get(5, TimeUnit.SECONDS));
        await(failingSent);
        Future<String> behind = sendQueued(batches, "behind", deadline());
        queuedBehind.countDown();
        assertSame(broken, causeOf(failing1), "the sender's own exception, to the caller who sent the batch");
        assertSame(broken, causeOf(failing2), "and to the others of its batch");
        assertEquals("behind", behind.get(5, TimeUnit.SECONDS), "the caller queued behind it still got its turn");
        for (int i = 0; i < 3; i++) { // no place left taken: each is sent alone, at once
            assertEquals("after-" + i, batches.send(tagged("after-" + i), deadline()));
        }
        assertEquals(List.of(List.of("lead"), List.of("behind"), List.of("after-0"), List.of("after-1"),
                List.of("after-2")), sends.batches());
    }

    @Test
    void anErrorFromTheSenderLeavesNoCallerWaiting() throws Exception {
        Sends sends = new Sends();
        CommandBatches<Object> batches = new CommandBatches<>(new FakeWire(batch -> {
            if (tagOf(batch.get(0)).equals("error-lead")) {
                throw new StackOverflowError("sender");
            }
            sends.send(batch);
        }), 1, 1, new BatchSizes());
        Future<String> lead = sendAsync(batches, "lead", deadline());
        sends.awaitBatch(1);
        Future<String> errorLead = sendQueued(batches, "error-lead", deadline());
        Future<String> companion = sendQueued(batches, "companion", deadline());
        Future<String> behind = sendQueued(batches, "behind", deadline()); // queued before the error: in its batch
        sends.release();
        long start = System.nanoTime();
        assertInstanceOf(StackOverflowError.class, causeOf(errorLead), "the Error reaches the caller who sent");
        Throwable other = causeOf(companion);
        assertInstanceOf(IllegalStateException.class, other);
        assertInstanceOf(StackOverflowError.class, other.getCause());
        assertInstanceOf(IllegalStateException.class, causeOf(behind));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "answered at once, not at their deadlines");
        assertEquals("next", batches.send(tagged("next"), deadline()));
    }

    @Test
    void anInterruptedCallerGetsItsReplyAndKeepsItsInterrupt() throws Exception {
        Sends sends = new Sends();
        CommandBatches<Object> batches = new CommandBatches<>(new FakeWire(sends), 1, 1, new BatchSizes());
        Future<String> lead = sendAsync(batches, "lead", deadline());
        sends.awaitBatch(1);
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread queuedCaller = new Thread(() -> {
            String reply = batches.send(tagged("interrupted"), deadline());
            stillInterrupted.complete("interrupted".equals(reply) && Thread.currentThread().isInterrupted());
        });
        queuedCaller.start();
        awaitParkedOnACommand(queuedCaller);
        queuedCaller.interrupt();
        awaitInterruptHeldBack(queuedCaller);
        assertFalse(stillInterrupted.isDone(), "an interrupt does not end the wait");
        sends.release();
        assertEquals("lead", lead.get(5, TimeUnit.SECONDS));
        assertTrue(stillInterrupted.get(5, TimeUnit.SECONDS), "its own reply, and the flag still set");

        Thread.currentThread().interrupt(); // a caller interrupted before it sends is sent as any other
        try {
            assertEquals("alone", batches.send(tagged("alone"), deadline()));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    /** What the fake wire does when a batch's replies are read: answers, or fails, each command of it. */
    @FunctionalInterface
    private interface Sender {
        void send(List<QueuedCommand<?>> batch);
    }

    /**
     * A wire whose reading runs the sender; a sender's exception fails its batch and retires the
     * connection, as a broken connection does.
     */
    private record FakeWire(Sender sender) implements CommandBatches.Wire<Object> {

        @Override
        public Object open(long deadline) {
            return new Object();
        }

        @Override
        public void write(Object connection, List<QueuedCommand<?>> batch) {
        }

        @Override
        public boolean read(Object connection, List<QueuedCommand<?>> batch, long deadline) {
            try {
                sender.send(batch);
                return true;
            } catch (RuntimeException e) {
                batch.forEach(queued -> queued.fail(e));
                return false;
            }
        }

        @Override
        public void giveBack(Object connection, boolean reusable) {
        }
    }

    /** A sender that holds its first batch until released, then answers every batch at once; remembers their tags. */
    private static final class Sends implements Sender {
        private final List<List<String>> sent = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch released = new CountDownLatch(1);

        @Override
        public void send(List<QueuedCommand<?>> batch) {
            sent.add(batch.stream().map(CommandBatchesTest::tagOf).toList());
            if (sent.size() == 1) {
                await(released);
            }
            batch.forEach(CommandBatchesTest::echo);
        }

        void awaitBatch(int count) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sent.size() < count) {
                assertTrue(System.nanoTime() < deadline, "batch " + count + " was not sent");
                Thread.onSpinWait();
            }
        }

        void release() {
            released.countDown();
        }

        List<List<String>> batches() {
            return List.copyOf(sent);
        }
    }

    private Future<String> sendAsync(CommandBatches<Object> batches, String tag, long deadline) {
        return threads.submit(() -> batches.send(tagged(tag), deadline));
    }

    /** Sends on a thread of its own and returns once that thread waits in the queue. */
    private Future<String> sendQueued(CommandBatches<Object> batches, String tag, long deadline) {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        Future<String> reply = threads.submit(() -> {
            thread.complete(Thread.currentThread());
            return batches.send(tagged(tag), deadline);
        });
        awaitParkedOnACommand(thread.join());
        return reply;
    }

    /** Until {@code thread} is parked in {@link QueuedCommand#awaitTurn}: queued, waiting for its turn or answer. */
    private static void awaitParkedOnACommand(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(LockSupport.getBlocker(thread) instanceof QueuedCommand<?>)) {
            assertTrue(System.nanoTime() < deadline, thread + " never queued");
            Thread.onSpinWait();
        }
    }

    /** Until {@code thread} woke from its interrupt, cleared the flag to hold it back, and parked again. */
    private static void awaitInterruptHeldBack(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.isInterrupted() || !(LockSupport.getBlocker(thread) instanceof QueuedCommand<?>)) {
            assertTrue(System.nanoTime() < deadline, thread + " did not wait on after its interrupt");
            Thread.onSpinWait();
        }
    }

    private static CommandObject<String> tagged(String tag) {
        return new CommandObject<>(new CommandArguments(Protocol.Command.ECHO).add(tag), BuilderFactory.STRING);
    }

    private static String tagOf(QueuedCommand<?> queued) {
        return new String(rawTag(queued), StandardCharsets.UTF_8);
    }

    private static byte[] rawTag(QueuedCommand<?> queued) {
        var arguments = queued.command.getArguments().iterator();
        arguments.next(); // ECHO
        Rawable tag = arguments.next();
        return tag.getRaw();
    }

    /** Answers the command with its own tag, as Redis answers {@code ECHO}. */
    private static <T> void echo(QueuedCommand<T> queued) {
        queued.answer(queued.command.getBuilder().build(rawTag(queued)));
    }

    private static long deadline() {
        return System.nanoTime() + LONG_DEADLINE_NANOS;
    }

    private static JedisConnectionException timeoutOf(Future<String> reply) {
        return assertInstanceOf(JedisConnectionException.class, causeOf(reply));
    }

    private static Throwable causeOf(Future<String> reply) {
        return assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS)).getCause();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS), "latch not released");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(Future<?> done) {
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // done, with a failure: what is awaited here
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
