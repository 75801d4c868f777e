package io.jakartaredis.limiter;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/** A logger that keeps its lines, {@code "<LEVEL> <message>"}, and their causes, for tests of rate-limited logs. */
public final class LoggedLines implements System.Logger {

    public final List<String> lines = new ArrayList<>();
    public final List<Throwable> causes = new ArrayList<>();

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        lines.add(level + " " + message);
        causes.add(thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(level + " " + format);
        causes.add(null);
    }
}
