package io.jakartaredis.limiter;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Captures what the limiter logs (System.Logger goes to JUL here) during each test. */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void beforeEach(ExtensionContext context) {
        clear();
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
        Logger.getLogger("io.jakartaredis").setLevel(Level.ALL);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger.getLogger("").removeHandler(handler);
        Logger.getLogger("io.jakartaredis").setLevel(null);
    }

    public void clear() {
        synchronized (records) {
            records.clear();
        }
    }

    /**
     * The formatted lines at exactly this level (SEVERE is System.Logger's ERROR), but for the
     * startup line that states the failure policies (a WARNING for {@code open}).
     */
    public List<String> at(Level level) {
        SimpleFormatter formatter = new SimpleFormatter();
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel().equals(level))
                    .filter(r -> !"logFailurePolicies".equals(r.getSourceMethodName()))
                    .map(formatter::format).toList();
        }
    }

    /** Every formatted line. */
    public String all() {
        SimpleFormatter formatter = new SimpleFormatter();
        synchronized (records) {
            return String.join("", records.stream().map(formatter::format).toList());
        }
    }
}
