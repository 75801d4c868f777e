package io.jakartaredis.limiter.demo.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed number of virtual users, each a thread that sends one {@code GET} after the other and
 * waits for each answer (a closed loop), over one JDK {@link HttpClient} speaking HTTP/1.1 with
 * keep-alive, so every user keeps its connection. A stretch ends at a deadline or after a number
 * of requests, whichever comes first.
 */
final class VirtualUsers implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final int users;
    private final ExecutorService threads;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();

    VirtualUsers(int users) {
        this.users = users;
        this.threads = Executors.newFixedThreadPool(users);
    }

    /** Every user sends {@code GET uri} until {@code duration} has passed or {@code maxRequests} were sent. */
    Measurement run(URI uri, Duration duration, int maxRequests) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<Measurement>> results = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            results.add(threads.submit(oneUser(request, deadline, () -> sent.incrementAndGet() <= maxRequests)));
        }
        Measurement all = Measurement.empty();
        for (Future<Measurement> result : results) {
            all = all.plus(await(result));
        }
        // The users ran side by side: the stretch lasted as long as the wall clock says, not their sum.
        return new Measurement(System.nanoTime() - start, all.latenciesNanos(), all.statuses());
    }

    private Callable<Measurement> oneUser(HttpRequest request, long deadline, Callable<Boolean> mayContinue) {
        return () -> {
            long[] latencies = new long[1024];
            int count = 0;
            Map<Integer, Long> statuses = new HashMap<>();
            while (System.nanoTime() < deadline && mayContinue.call()) {
                long sentAt = System.nanoTime();
                int status = send(request);
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = System.nanoTime() - sentAt;
                statuses.merge(status, 1L, Long::sum);
            }
            return new Measurement(0, Arrays.copyOf(latencies, count), statuses);
        };
    }

    /** The status of the answer, or {@link Measurement#NO_ANSWER} when there was none: counted, not hidden. */
    private int send(HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException noAnswer) {
            return Measurement.NO_ANSWER;
        }
    }

    private static Measurement await(Future<Measurement> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the virtual users ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a virtual user failed", e.getCause());
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
