package cn.nantong.tongtongzai.platform.graphql;

import java.util.Collection;
import java.util.Map;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;

import org.springframework.stereotype.Component;

/**
 * Refuses, before any mutation runs, text nobody types: control characters other than tab and line breaks,
 * lone UTF-16 surrogates, Unicode noncharacters, and strings longer than {@value #MAX_LENGTH} characters.
 * Services still check each field's own limits; this guard makes the rule hold for every field of every
 * mutation, including fields added later, so such text never reaches the graph or a Cypher lookup.
 */
@Component
class InputGuard extends SimplePerformantInstrumentation {

    static final int MAX_LENGTH = 10_000;

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        if (!(parameters.getEnvironment().getParentType() instanceof GraphQLObjectType parent)
                || !parent.getName().equals("Mutation")) {
            return fetcher;
        }
        return env -> {
            check(env.getArguments(), env.getField().getName());
            return fetcher.get(env);
        };
    }

    private static void check(Object value, String path) {
        switch (value) {
            case String text -> check(text, path);
            case Map<?, ?> map -> map.forEach((key, inner) -> check(inner, path + "." + key));
            case Collection<?> list -> {
                int i = 0;
                for (Object inner : list) {
                    check(inner, path + "[" + i++ + "]");
                }
            }
            case null, default -> { }
        }
    }

    private static void check(String text, String path) {
        String field = path.substring(path.indexOf('.') + 1);
        if (text.length() > MAX_LENGTH) {
            throw new UserInputException(ErrorCode.TEXT_TOO_LONG, "输入过长（" + field + "）：每项最多" + MAX_LENGTH + "个字符。");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pairedSurrogate) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c) || unreadable(c)) {
                throw new UserInputException(ErrorCode.INVALID_CHARACTERS,
                        "输入含有无法显示的控制字符或乱码（" + field + "）：请删除后重试。");
            }
        }
    }

    /** C0/C1 control characters but tab, line feed and carriage return; U+FDD0–U+FDEF, U+FFFE and U+FFFF. */
    private static boolean unreadable(char c) {
        boolean control = Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
        return control || (c >= '\uFDD0' && c <= '\uFDEF') || c == '\uFFFE' || c == '\uFFFF';
    }
}
