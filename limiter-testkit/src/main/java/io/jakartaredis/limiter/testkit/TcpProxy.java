package io.jakartaredis.limiter.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on a free loopback port in front of one server, for the failures a network between
 * client and Redis produces. It forwards both ways until told otherwise: with
 * {@link #dropReplies(boolean) dropReplies} it still forwards what clients send, but closes a
 * client's connection instead of passing on the server's reply (a command that ran, whose answer
 * was lost); {@link #delayReplies(Duration) delayReplies} holds back every reply, as a slow but alive
 * Redis or network does; {@link #closeConnections()} closes every open connection, as a proxy's idle
 * timeout does.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean dropReplies;
    private volatile long replyDelayMillis;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getByName(RedisServer.HOST));
        threads.execute(this::acceptLoop);
    }

    /** Starts a proxy to {@code host:port}; the caller closes it. */
    public static TcpProxy to(String host, int port) {
        try {
            return new TcpProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code redis://127.0.0.1:<port>}: the proxied server's URL, through the proxy. */
    public String url() {
        return "redis://" + RedisServer.HOST + ":" + port();
    }

    /** From now on, closes each client connection instead of forwarding a reply to it (or forwards again). */
    public void dropReplies(boolean drop) {
        this.dropReplies = drop;
    }

    /**
     * From now on, forwards each chunk of every reply {@code delay} after it arrived (zero: at once),
     * as a network's latency does: chunks that arrive together leave together.
     */
    public void delayReplies(Duration delay) {
        this.replyDelayMillis = delay.toMillis();
    }

    /** Closes every connection open now, on both sides; new ones are accepted as before. */
    public void closeConnections() {
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                forward(listener.accept());
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    private void forward(Socket client) {
        try {
            Socket server = new Socket(targetHost, targetPort);
            open.add(client);
            open.add(server);
            threads.execute(() -> pump(client, server, false));
            threads.execute(() -> pump(server, client, true));
        } catch (IOException e) {
            closeQuietly(client); // the target refused: so does the proxy
        }
    }

    /** Copies {@code from} to {@code to} until either closes; a reply may be dropped or delayed instead. */
    private void pump(Socket from, Socket to, boolean replies) {
        byte[] buffer = new byte[16 * 1024];
        BlockingQueue<Chunk> delayed = new LinkedBlockingQueue<>();
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            if (replies) {
                threads.execute(() -> deliver(delayed, out, from, to));
            }
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (replies && dropReplies) {
                    break;
                }
                if (replies) {
                    delayed.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + replyDelayMillis * 1_000_000));
                } else {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (SocketException e) {
            // one side closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!replies) {
                close(from, to);
            } else {
                delayed.add(Chunk.END); // the delivery closes both once the chunks before it are out
            }
        }
    }

    /** Forwards each reply chunk at its due time, in order, then closes both sides. */
    private void deliver(BlockingQueue<Chunk> delayed, OutputStream out, Socket from, Socket to) {
        try {
            for (Chunk chunk = delayed.take(); chunk != Chunk.END; chunk = delayed.take()) {
                long wait = chunk.dueNanos() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the proxy is closing
        } finally {
            close(from, to);
        }
    }

    /** A chunk of a reply and when it is due; {@link #END} when the server side closed. */
    private record Chunk(byte[] bytes, long dueNanos) {
        static final Chunk END = new Chunk(new byte[0], 0);
    }

    private void close(Socket from, Socket to) {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Stops accepting, closes every connection and stops the proxy's threads. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        closeConnections();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
