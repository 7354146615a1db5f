package cn.nantong.tongtongzai.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
     * count and follow people without knowing who they are.
     */
    public static String pseudonym(Kind kind, String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((kind + ":" + id).getBytes(StandardCharsets.UTF_8));
            return (kind == Kind.MEMBER ? "党员-" : "居民-") + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
