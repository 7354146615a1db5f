package cn.nantong.tongtongzai.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.StartupRefusedException;

/**
 * The key of analysts' pseudonyms, and the pseudonyms themselves. The key is its own (probe finding 6): never the
 * token key or anything derived from it, since the demo token key is published and whoever holds the key can
 * compute the id ↔ pseudonym table. Configured with {@code tongtong.security.pseudonym-key}; without one a random
 * key is generated once and kept in {@code tongtong.security.pseudonym-key-file}, so pseudonyms stay stable across
 * restarts; the {@code prod} profile refuses to start without a configured key.
 */
@Component
@EnableConfigurationProperties(PseudonymProperties.class)
public class Pseudonyms {

    private static final Logger log = LoggerFactory.getLogger(Pseudonyms.class);

    private final byte[] key;

    Pseudonyms(PseudonymProperties properties, JwtProperties jwt, Environment environment) {
        this.key = load(properties.pseudonymKey(), properties.pseudonymKeyFile(), jwt.secret(),
                environment.acceptsProfiles(Profiles.of("prod")));
    }

    static byte[] load(String configured, Path file, String tokenSecret, boolean prod) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 32 || configured.equals(tokenSecret)) {
                throw new StartupRefusedException("tongtong.security.pseudonym-key is shorter than 32 characters or "
                        + "equals the token key.", "Set a random key of its own, e.g. `openssl rand -hex 32`.");
            }
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        if (prod) {
            throw new StartupRefusedException("The prod profile needs a pseudonym key of its own: without one, "
                    + "analysts' pseudonyms could be reversed.", "Set TONGTONG_SECURITY_PSEUDONYM_KEY to a random key "
                    + "of at least 32 characters (e.g. `openssl rand -hex 32`) and keep it: changing it changes every pseudonym.");
        }
        return generatedKey(file);
    }

    private static byte[] generatedKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = HexFormat.of().formatHex(random);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path written = Files.writeString(Files.createTempFile(parent, ".pseudonym-key", ""), key);
            ownerOnly(written);
            Files.move(written, file); // fails if another process wrote one meanwhile: read that one next start
            log.info("Generated the pseudonym key in {} (keep it: pseudonyms change with it)", file.toAbsolutePath());
            return key.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the pseudonym key " + file, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** The stand-in for a name, e.g. 党员-3f9a2c1b. */
    public String name(Kind kind, String id) {
        return PersonalData.pseudonym(key, kind, id);
    }

    /** The stand-in for an id, e.g. P-3f9a2c1b4d5e6f70: what analysts see and pass back. */
    public String id(Kind kind, String id) {
        return PersonalData.pseudonymousId(key, kind, id);
    }

    /** Whether a value has the shape of a pseudonymous id (not whether it stands for anybody). */
    public static boolean looksLikeId(String value) {
        return value != null && value.matches("P-[0-9a-f]{16}");
    }

}
