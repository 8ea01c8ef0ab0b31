package se.accounts.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's superuser password, kept in one file that only the service's OS user may read (mode
 * 0600). Other processes of the same data directory (the CLI, a second instance) read it there.
 */
final class PasswordFile {
    private static final Logger log = LoggerFactory.getLogger(PasswordFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PasswordFile() {
    }

    /** The password in {@code file}, generated and stored first if there is none. */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        return read(file);
    }

    static String read(Path file) throws IOException {
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            log.warn("{} was readable by others; restricting it to mode 0600", file);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        return Files.readString(file).trim();
    }

    /**
     * Created with mode 0600 from the start (never world-readable, whatever the umask), written and synced under a
     * temporary name and then renamed, so the file is either absent or complete, also after a crash; the directory
     * is synced too, because the server's password is changed only once the file is durably there.
     */
    private static void create(Path file) throws IOException {
        byte[] password = RandomPasswords.next().getBytes(StandardCharsets.US_ASCII);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try (FileChannel channel = FileChannel.open(temporary,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            channel.write(ByteBuffer.wrap(password));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
