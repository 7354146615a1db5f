package cn.nantong.tongtongzai.platform.security;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key of analysts' pseudonyms ({@code tongtong.security.*}).
 *
 * @param pseudonymKey the key itself (at least 32 characters, not the token key); when empty, one is generated on
 *        the first start into {@code pseudonymKeyFile} (refused in prod)
 * @param pseudonymKeyFile where the generated key is kept (owner-only)
 */
@ConfigurationProperties("tongtong.security")
public record PseudonymProperties(String pseudonymKey, @DefaultValue("./data/pseudonym-key") Path pseudonymKeyFile) {
}
