package cn.nantong.tongtongzai.platform.graphql;

import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.security.AccessRefusedException;

/**
 * A subscription that ends with a failure (its token expired, say) ends with a GraphQL error carrying a stable
 * {@code extensions.code}, like a refused query; anything else is Spring's "Subscription error" without internals.
 */
@Component
class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex) {
        if (ex instanceof UserInputException e) {
            return error(ErrorType.BAD_REQUEST, e.code().name(), e.getMessage());
        }
        if (ex instanceof AccessRefusedException e) {
            return error(e.isNotFound() ? ErrorType.NOT_FOUND : ErrorType.FORBIDDEN, e.code().name(), e.getMessage());
        }
        return null;
    }

    private static GraphQLError error(ErrorType type, String code, String message) {
        return GraphqlErrorBuilder.newError().errorType(type).message(message).extensions(Map.of("code", code)).build();
    }
}
