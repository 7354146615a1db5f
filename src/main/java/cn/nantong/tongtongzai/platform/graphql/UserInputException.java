package cn.nantong.tongtongzai.platform.graphql;

import java.util.List;
import java.util.Map;

/**
 * An error the caller caused. It reaches the client as a GraphQL error whose {@code extensions.code}
 * is {@link #code()} and whose message a secretary can read; nothing has been written. When one input
 * has several problems, {@code extensions.problems} lists each with its field and code; {@link #details()} are
 * further extensions (TOO_MANY_ATTEMPTS: {@code retryAt}).
 */
public class UserInputException extends RuntimeException {

    /** One problem with one input field. */
    public record Problem(String field, ErrorCode code, String message) {
    }

    private final ErrorCode code;
    private final List<Problem> problems;
    private final Map<String, Object> details;

    public UserInputException(ErrorCode code, String message) {
        this(code, message, List.of(), Map.of());
    }

    /** With further extensions beside the code, e.g. when to try again. */
    public UserInputException(ErrorCode code, String message, Map<String, Object> details) {
        this(code, message, List.of(), details);
    }

    private UserInputException(ErrorCode code, String message, List<Problem> problems, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.problems = problems;
        this.details = Map.copyOf(details);
    }

    /** One exception for all problems found: the code of the first when alone, else INVALID_INPUT. */
    public static UserInputException of(List<Problem> problems) {
        ErrorCode code = problems.size() == 1 ? problems.getFirst().code() : ErrorCode.INVALID_INPUT;
        String message = String.join("；", problems.stream().map(Problem::message).toList());
        return new UserInputException(code, message, List.copyOf(problems), Map.of());
    }

    public ErrorCode code() {
        return code;
    }

    public List<Problem> problems() {
        return problems;
    }

    public Map<String, Object> details() {
        return details;
    }
}
