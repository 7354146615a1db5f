package cn.nantong.tongtongzai.platform.graphql;

/**
 * An error the caller caused. It reaches the client as a GraphQL error whose {@code extensions.code}
 * is {@link #code()} and whose message a secretary can read; nothing has been written.
 */
public class UserInputException extends RuntimeException {

    private final String code;

    public UserInputException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
