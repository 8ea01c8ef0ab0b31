package se.accounts.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import se.accounts.AccountsService;
import se.accounts.Config;

/** Dispatches the jar's arguments: no arguments or {@code serve} starts the server, the rest are commands. */
public final class CommandLine {
    /** Returned by {@link #run} when the server runs on and the JVM must not exit. */
    public static final int KEEP_RUNNING = -1;
    public static final int USAGE_ERROR = 2;

    static final String USAGE = """
            Usage:
              java -jar accounts.jar [serve]
                  Starts the server (configuration from ACCOUNTS_* environment variables, see README).
              java -jar accounts.jar client create --customer NAME [--customer-id UUID] --permissions all|LIST [--json]
                  Creates (or reuses) the customer and a new integration client; prints its seven headers once.
                  LIST is comma-separated, e.g. accounts.organizationuser.view,accounts.organizationuser.add
              java -jar accounts.jar client revoke --entity UUID
                  Deactivates the activation named by X-PIGELLO-CLIENT-ENTITY.
            """;

    private final Config config;
    private final PrintStream out;
    private final PrintStream err;

    public CommandLine(Config config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        List<String> words = Arrays.asList(args);
        if (words.isEmpty() || words.equals(List.of("serve"))) {
            AccountsService service = AccountsService.start(config, out);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "accounts-shutdown"));
            return KEEP_RUNNING;
        }
        if (words.size() >= 2 && words.get(0).equals("client")) {
            try {
                Options options = Options.parse(words.subList(2, words.size()));
                return switch (words.get(1)) {
                    case "create" -> new ClientCommands(config, out).create(options);
                    case "revoke" -> new ClientCommands(config, out).revoke(options);
                    default -> usage("Unknown command 'client " + words.get(1) + "'.");
                };
            } catch (UsageException e) {
                return usage(e.getMessage());
            }
        }
        if (words.contains("--help") || words.contains("help")) {
            out.print(USAGE);
            return 0;
        }
        return usage("Unknown command '" + String.join(" ", words) + "'.");
    }

    private int usage(String problem) {
        err.println(problem);
        err.print(USAGE);
        return USAGE_ERROR;
    }
}
