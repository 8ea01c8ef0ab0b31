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

    /** Best effort: a directory still there after {@link #SERVER_STOPPING} is reported, not failed on. */
    public static void delete(Path directory) {
        long deadline = System.nanoTime() + SERVER_STOPPING.toNanos();
        deleteOnce(directory);
        while (Files.exists(directory) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            deleteOnce(directory);
        }
        if (Files.exists(directory)) {
            System.err.println("Could not remove " + directory + " within " + SERVER_STOPPING);
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
