package cn.nantong.tongtongzai.platform.graphql;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one input, then refuses it once with all of them (nothing is written). */
public final class Validation {

    private final List<UserInputException.Problem> problems = new ArrayList<>();

    public Validation problem(String field, ErrorCode code, String message) {
        problems.add(new UserInputException.Problem(field, code, message));
        return this;
    }

    public Validation require(boolean ok, String field, ErrorCode code, String message) {
        return ok ? this : problem(field, code, message);
    }

    /** A trimmed name of 2 … {@code max} printable characters, or a refusal with code INVALID_NAME. */
    public static String name(String value, String field, int max) {
        String trimmed = value == null ? "" : value.strip();
        new Validation().require(trimmed.length() >= 2 && trimmed.length() <= max
                        && trimmed.chars().noneMatch(Character::isISOControl), field, ErrorCode.INVALID_NAME,
                "名称须为2至" + max + "个字符。").throwIfInvalid();
        return trimmed;
    }

    public List<UserInputException.Problem> problems() {
        return List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw UserInputException.of(problems);
        }
    }
}
