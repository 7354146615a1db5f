package cn.nantong.tongtongzai.platform.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console ({@code tongtong.console.*}).
 *
 * @param enabled serve /console/ and /m/ (read by the conditions of the console's beans too)
 * @param oidc the city's identity provider the pages sign in with (in prod); none: demo users only
 */
@ConfigurationProperties("tongtong.console")
public record ConsoleProperties(@DefaultValue("true") boolean enabled, @DefaultValue Oidc oidc) {

    /**
     * @param issuer the provider's issuer URL; the pages discover its endpoints from it
     * @param clientId the console's client id at the provider (a public client, PKCE required)
     */
    public record Oidc(@DefaultValue("") String issuer, @DefaultValue("") String clientId) {
    }
}
