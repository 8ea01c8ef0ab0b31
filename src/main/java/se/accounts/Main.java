package se.accounts;

import org.slf4j.LoggerFactory;
import se.accounts.cli.CommandLine;

/** {@code java -jar accounts.jar [serve | client ...]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException badVariable) {
            // Printed, not logged: the variable at fault may be the log format itself.
            System.err.println("Cannot start: " + badVariable.getMessage());
            System.exit(CommandLine.USAGE_ERROR);
            return;
        }
        int exitCode;
        try {
            exitCode = new CommandLine(config, System.out, System.err).run(args);
        } catch (RuntimeException failure) {
            // Through the log rather than the JVM's stack trace print, so that with ACCOUNTS_LOG_FORMAT=json a
            // failed start is one JSON line for the log shipper too.
            LoggerFactory.getLogger(Main.class).error("Stopped: {}", failure.getMessage(), failure);
            exitCode = 1;
        }
        if (exitCode != CommandLine.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }
}
