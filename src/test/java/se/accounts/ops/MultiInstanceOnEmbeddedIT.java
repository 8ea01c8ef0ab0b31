package se.accounts.ops;

import java.nio.file.Files;
import java.util.Map;

/**
 * A newcomer's path: no database settings, one data directory. The first instance starts the embedded PostgreSQL
 * and owns it; the second, the killed one and the command line attach to it through the port file.
 */
class MultiInstanceOnEmbeddedIT extends MultiInstanceIT {
    @Override
    Map<String, String> database() throws Exception {
        return Map.of("ACCOUNTS_DATA_DIR", Files.createTempDirectory("accounts-embedded-instances").toString());
    }

    @Override
    boolean startTogether() {
        return false;
    }

    @Override
    void closeDatabase() {
        // The first instance stops the embedded database when it stops.
    }
}
