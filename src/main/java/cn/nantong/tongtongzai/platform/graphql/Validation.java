package cn.nantong.tongtongzai.platform.graphql;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one input, then refuses it once with all of them (nothing is written). */
public final class Validation {

    private final List<UserInputException.Problem> problems = new ArrayList<>();

    public Validation problem(String field, String code, String message) {
        problems.add(new UserInputException.Problem(field, code, message));
        return this;
    }

    public Validation require(boolean ok, String field, String code, String message) {
        return ok ? this : problem(field, code, message);
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
