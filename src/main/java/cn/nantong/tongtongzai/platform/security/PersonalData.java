package cn.nantong.tongtongzai.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How personal data looks to those who may not see it in full. */
public final class PersonalData {

    private PersonalData() {
    }

    /** 13812341234 → 138****1234; anything else keeps at most its first and last character. */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() >= 7) {
            return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        return phone.isEmpty() ? phone : phone.charAt(0) + "****";
    }

    /**
     * A stable stand-in for a name (党员-3f9a2c1b): the same person always gets the same one, so analysts can
     * count and follow people without knowing who they are. Keyed (HMAC-SHA256), so that nobody without the key
     * can compute it from an id.
     */
    public static String pseudonym(byte[] key, Kind kind, String id) {
        return (kind == Kind.MEMBER ? "党员-" : "居民-") + HexFormat.of().formatHex(hmac(key, kind + ":" + id), 0, 4);
    }

    /** A stand-in for an id, for those who see pseudonyms: stable, keyed, and not an id anything else accepts. */
    public static String pseudonymousId(byte[] key, Kind kind, String id) {
        return "P-" + HexFormat.of().formatHex(hmac(key, kind + ":" + id), 0, 8);
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
