package cn.nantong.tongtongzai.platform.graphql;

import java.util.List;

/**
 * An error the caller caused. It reaches the client as a GraphQL error whose {@code extensions.code}
 * is {@link #code()} and whose message a secretary can read; nothing has been written. When one input
 * has several problems, {@code extensions.problems} lists each with its field and code.
 */
public class UserInputException extends RuntimeException {

    /** One problem with one input field. */
    public record Problem(String field, String code, String message) {
    }

    private final String code;
    private final List<Problem> problems;

    public UserInputException(String code, String message) {
        this(code, message, List.of());
    }

    private UserInputException(String code, String message, List<Problem> problems) {
        super(message);
        this.code = code;
        this.problems = problems;
    }

    /** One exception for all problems found: the code of the first when alone, else INVALID_INPUT. */
    public static UserInputException of(List<Problem> problems) {
        String code = problems.size() == 1 ? problems.getFirst().code() : "INVALID_INPUT";
        String message = String.join("；", problems.stream().map(Problem::message).toList());
        return new UserInputException(code, message, List.copyOf(problems));
    }

    public String code() {
        return code;
    }

    public List<Problem> problems() {
        return problems;
    }
}
