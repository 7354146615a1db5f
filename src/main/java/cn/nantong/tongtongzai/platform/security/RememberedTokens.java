package cn.nantong.tongtongzai.platform.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers the tokens whose signature it has verified: a front end sends the same bearer token with every
 * request, and parsing it and checking the signature cost more than many a small query. The claims (expiry,
 * not-before, issuer, lifetime) are still checked on every use, so a remembered token expires on time.
 */
final class RememberedTokens implements JwtDecoder {

    static final int CAPACITY = 4_096;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int capacity;
    private final Map<String, Jwt> verified;

    /** {@code verifier} parses and checks the signature only; {@code validator} checks the claims. */
    RememberedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int capacity) {
        this.verifier = verifier;
        this.validator = validator;
        this.capacity = capacity;
        this.verified = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Jwt> eldest) {
                return size() > RememberedTokens.this.capacity;
            }
        };
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt;
        synchronized (verified) {
            jwt = verified.get(token);
        }
        if (jwt == null) {
            jwt = verifier.decode(token);
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        synchronized (verified) {
            if (result.hasErrors()) {
                verified.remove(token);
            } else {
                verified.put(token, jwt);
            }
        }
        if (result.hasErrors()) {
            // the same message the decoder gives when it validates by itself
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
                    + result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }

    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }
}
