package io.jakartaredis.limiter.virtual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records JFR's {@code jdk.VirtualThreadPinned} events: a virtual thread that blocked while it could
 * not leave its carrier thread, for at least the threshold. A recording that is stopped and dumped
 * (rather than a stream) holds every event of its time, none still in flight when it is read.
 */
final class PinnedThreads implements AutoCloseable {

    static final String EVENT = "jdk.VirtualThreadPinned";

    private final Recording recording = new Recording();

    private PinnedThreads(Duration threshold) {
        recording.enable(EVENT).withThreshold(threshold).withStackTrace();
        recording.setToDisk(true);
        recording.start();
    }

    /** Starts recording pinned virtual threads that blocked for {@code threshold} or longer. */
    static PinnedThreads record(Duration threshold) {
        return new PinnedThreads(threshold);
    }

    /** Stops the recording and returns its pinned-thread events. */
    List<RecordedEvent> stop() {
        recording.stop();
        try {
            Path file = Files.createTempFile("pinned-threads", ".jfr");
            try {
                recording.dump(file);
                return RecordingFile.readAllEvents(file).stream()
                        .filter(event -> event.getEventType().getName().equals(EVENT))
                        .toList();
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JFR recording", e);
        }
    }

    /** One line per event: how long the thread was pinned, and where (the frames below the JDK's own). */
    static String describe(List<RecordedEvent> events) {
        return events.stream()
                .map(event -> event.getDuration().toMillis() + " ms" + reason(event) + " at " + event.getStackTrace().getFrames().stream()
                        .map(PinnedThreads::frame)
                        .filter(frame -> !frame.startsWith("java.lang.VirtualThread.") && !frame.startsWith("java.lang.Thread."))
                        .limit(40)
                        .collect(Collectors.joining(" < ")))
                .collect(Collectors.joining("\n"));
    }

    /** JDK 24+ says why the thread could not unmount (e.g. "Native frame or <clinit> on stack"). */
    private static String reason(RecordedEvent event) {
        return event.hasField("pinnedReason") ? " (" + event.getString("pinnedReason") + ")" : "";
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
    }

    @Override
    public void close() {
        recording.close();
    }
}
