package cn.nantong.tongtongzai.platform.graphql;

/**
 * Who performs a request, recorded with every state change ("who and when"). Until sign-in lands
 * (JWT, issue 8) it comes from the {@value #HEADER} request header; without one it is {@code anonymous}.
 * Controllers receive it as {@code @ContextValue Actor actor}.
 */
public record Actor(String id) {

    public static final String HEADER = "X-Actor";
    public static final Actor ANONYMOUS = new Actor("anonymous");
    public static final Actor SYSTEM = new Actor("system");

    /** A header value of 1 … 64 printable characters, else {@link #ANONYMOUS}. */
    public static Actor of(String header) {
        if (header == null || header.isBlank() || header.strip().length() > 64
                || header.chars().anyMatch(Character::isISOControl)) {
            return ANONYMOUS;
        }
        return new Actor(header.strip());
    }
}
