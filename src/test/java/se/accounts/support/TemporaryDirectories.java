package se.accounts.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes a test's temporary data directory once its servers have stopped: an embedded PostgreSQL's directory
 * holds about 570 MB after a test run, and 364 left behind by earlier runs filled this machine's disk.
 */
public final class TemporaryDirectories {
    /** At JVM exit the embedded PostgreSQL's own shutdown hook may still be stopping it, writing its last files. */
    private static final Duration SERVER_STOPPING = Duration.ofSeconds(10);

    private TemporaryDirectories() {
    }

    public static void delete(Path directory) {
        try {
            Await.until("the removal of " + directory, SERVER_STOPPING, () -> {
                deleteOnce(directory);
                return !Files.exists(directory);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteOnce(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (NoSuchFileException gone) {
            // Removed meanwhile: what the caller wants.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
