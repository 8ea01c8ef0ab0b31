package se.accounts;

import se.accounts.cli.CommandLine;

/** {@code java -jar accounts.jar [serve | client ...]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(Config.fromEnvironment(System.getenv()), System.out, System.err).run(args);
        if (exitCode != CommandLine.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }
}
