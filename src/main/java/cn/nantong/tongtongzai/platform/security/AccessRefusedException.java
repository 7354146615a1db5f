package cn.nantong.tongtongzai.platform.security;

import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/**
 * The caller may not see or do this. {@code NOT_FOUND} when the target lies outside the caller's scope — the same
 * answer as for an id that does not exist, so refusals never reveal what exists elsewhere; {@code FORBIDDEN} when
 * the caller's role may not do this at all.
 */
public class AccessRefusedException extends RuntimeException {

    private final ErrorCode code;

    private AccessRefusedException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public static AccessRefusedException notFound() {
        return new AccessRefusedException(ErrorCode.NOT_FOUND, "没有找到，或不在你的管理范围内。");
    }

    public static AccessRefusedException forbidden(String what) {
        return new AccessRefusedException(ErrorCode.FORBIDDEN, "你的角色不能" + what + "。");
    }

    public ErrorCode code() {
        return code;
    }

    public boolean isNotFound() {
        return code == ErrorCode.NOT_FOUND;
    }
}
