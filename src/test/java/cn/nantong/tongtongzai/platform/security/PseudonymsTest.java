package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nantong.tongtongzai.platform.StartupRefusedException;

/**
 * Probe finding 6: pseudonyms were keyed with the token key (the published demo secret unless configured, and in
 * prod with a JWK set too), so anyone could compute the id ↔ pseudonym table.
 */
class PseudonymsTest {

    @TempDir
    Path data;

    @Test
    void theKeyIsNeverTheTokenKeyNorDerivedFromIt() {
        byte[] generated = Pseudonyms.load("", data.resolve("pseudonym-key"), JwtProperties.DEMO_SECRET, false);
        assertThat(new String(generated)).doesNotContain(JwtProperties.DEMO_SECRET).hasSize(64);
        assertThatThrownBy(() -> Pseudonyms.load(JwtProperties.DEMO_SECRET, data.resolve("x"), JwtProperties.DEMO_SECRET, false))
                .isInstanceOf(StartupRefusedException.class);
        assertThatThrownBy(() -> Pseudonyms.load("short", data.resolve("x"), JwtProperties.DEMO_SECRET, false))
                .isInstanceOf(StartupRefusedException.class);
    }

    @Test
    void aGeneratedKeyIsKeptOwnerOnlyAndReused() throws Exception {
        Path file = data.resolve("sub/pseudonym-key");
        byte[] first = Pseudonyms.load(null, file, JwtProperties.DEMO_SECRET, false);
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(Pseudonyms.load(null, file, JwtProperties.DEMO_SECRET, false)).isEqualTo(first);
        assertThat(Pseudonyms.load(null, data.resolve("elsewhere"), JwtProperties.DEMO_SECRET, false)).isNotEqualTo(first);
    }

    @Test
    void prodRefusesToStartWithoutAKeyOfItsOwn() {
        assertThatThrownBy(() -> Pseudonyms.load("", data.resolve("pseudonym-key"), "a-deployment-secret", true))
                .isInstanceOf(StartupRefusedException.class).hasMessageContaining("pseudonym key");
        assertThat(Files.exists(data.resolve("pseudonym-key"))).isFalse();
        assertThat(Pseudonyms.load("0123456789abcdef0123456789abcdef", data.resolve("pseudonym-key"), "a-deployment-secret", true))
                .hasSize(32);
    }
}
