package cn.nantong.tongtongzai.platform.neo4j;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.nantong.tongtongzai.platform.StartupRefusedException;

/**
 * The {@code neo4j} user's password: the configured one, else the one kept in {@code <directory>/bolt-password},
 * else a new one (192 random bits) written there, readable by the service's OS user only.
 */
final class BoltPassword {

    static final String FILE_NAME = "bolt-password";

    private static final Logger log = LoggerFactory.getLogger(BoltPassword.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private BoltPassword() {
    }

    static String resolve(EmbeddedNeo4jProperties properties) {
        if (properties.password() != null && !properties.password().isBlank()) {
            return properties.password();
        }
        Path file = properties.directory().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (kept.isEmpty()) {
                    throw new StartupRefusedException(file.toAbsolutePath() + " is empty.",
                            "Delete it (a new password is generated) or write the neo4j user's password into it.");
                }
                return kept;
            }
            String generated = generate();
            write(file, generated);
            log.info("Generated the password of the embedded database's user neo4j; it is kept in {}",
                    file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new StartupRefusedException("Cannot read or write the Bolt password file " + file.toAbsolutePath()
                    + " (" + e.getMessage() + ").",
                    "Make tongtong.neo4j.embedded.directory writable, or set tongtong.neo4j.embedded.password "
                            + "(env TONGTONG_NEO4J_EMBEDDED_PASSWORD).", e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Created owner-only before the password is written, then moved into place: never readable by others. */
    private static void write(Path file, String password) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path draft = file.resolveSibling(FILE_NAME + ".new");
        Files.deleteIfExists(draft);
        if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(draft, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(draft);
            File plain = draft.toFile();
            boolean ownerOnly = plain.setReadable(false, false) && plain.setReadable(true, true)
                    && plain.setWritable(false, false) && plain.setWritable(true, true);
            if (!ownerOnly) {
                log.warn("Could not make {} readable by its owner only", draft.toAbsolutePath());
            }
        }
        Files.writeString(draft, password + "\n", StandardCharsets.UTF_8);
        Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
