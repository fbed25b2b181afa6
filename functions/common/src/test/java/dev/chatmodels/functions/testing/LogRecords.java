package dev.chatmodels.functions.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The log records of the app under a {@code @QuarkusTest} (same JVM), from {@link #capture()} until {@link #close()}. */
public final class LogRecords implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogRecords() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    public static LogRecords capture() {
        return new LogRecords();
    }

    /** The records at {@code level} or above, as lines: level, logger, message, and the class of any exception. */
    public List<String> atOrAbove(Level level) {
        return records.stream().filter(record -> record.getLevel().intValue() >= level.intValue())
                .map(record -> record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()))
                .toList();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
