package cn.nantong.tongtongzai.platform.security;

/**
 * The caller may not see or do this. {@code NOT_FOUND} when the target lies outside the caller's scope — the same
 * answer as for an id that does not exist, so refusals never reveal what exists elsewhere; {@code FORBIDDEN} when
 * the caller's role may not do this at all.
 */
public class AccessRefusedException extends RuntimeException {

    private final String code;

    private AccessRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public static AccessRefusedException notFound() {
        return new AccessRefusedException("NOT_FOUND", "没有找到，或不在你的管理范围内。");
    }

    public static AccessRefusedException forbidden(String what) {
        return new AccessRefusedException("FORBIDDEN", "你的角色不能" + what + "。");
    }

    public String code() {
        return code;
    }

    public boolean isNotFound() {
        return code.equals("NOT_FOUND");
    }
}
