package cn.nantong.tongtongzai.platform.graphql;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;

import org.springframework.stereotype.Component;

/**
 * Spring turns a negative {@code first} into "no count", which would silently give the default page;
 * refuse it like any other page size out of range.
 */
@Component
class PageArguments extends SimplePerformantInstrumentation {

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        if (!parameters.getField().getArguments().stream().anyMatch(a -> a.getName().equals("first"))) {
            return dataFetcher;
        }
        return env -> {
            Object first = env.getArgument("first");
            if (first instanceof Integer count && count < 0) {
                throw new UserInputException(ErrorCode.INVALID_PAGE,
                        "first must be between 0 and " + Page.MAX_SIZE + ", was " + count + ".");
            }
            return dataFetcher.get(env);
        };
    }
}
