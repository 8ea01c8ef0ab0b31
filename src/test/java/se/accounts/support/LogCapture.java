package se.accounts.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Everything the service logs while open (all loggers, whatever their configured level lets through). */
public final class LogCapture implements AutoCloseable {
    private static final List<String> SERVICE_LOGGERS = List.of("se.accounts", "accounts.access");

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        /** Takes the MDC (the request id) now, on the logging thread, as the service's async appender does. */
        @Override
        protected void append(ILoggingEvent event) {
            event.getMDCPropertyMap();
            super.append(event);
        }
    };
    private final java.util.Map<Logger, Level> previousLevels = new java.util.HashMap<>();

    /** What the test configuration lets through (warnings and errors). */
    public LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** Everything the service logs at any level, as production would at its most verbose. */
    public static LogCapture everything() {
        LogCapture capture = new LogCapture();
        for (String name : SERVICE_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            capture.previousLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        return capture;
    }

    public synchronized List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Every message as the log would show it, with the stack traces' messages. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events()) {
            text.append(event.getFormattedMessage()).append('\n');
            for (var proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
                text.append(proxy.getClassName()).append(": ").append(proxy.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        previousLevels.forEach(Logger::setLevel);
        root.detachAppender(appender);
        appender.stop();
    }
}
