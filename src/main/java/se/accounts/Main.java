package se.accounts;

import se.accounts.cli.CommandLine;

/** {@code java -jar accounts.jar [serve | client ...]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException badSetting) {
            System.err.println("Cannot start: " + badSetting.getMessage());
            System.exit(2);
            return;
        }
        int exitCode = new CommandLine(config, System.out, System.err).run(args);
        if (exitCode != CommandLine.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }
}
