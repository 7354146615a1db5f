package cn.nantong.tongtongzai.platform.graphql;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * A time or day that {@link TimeScalars} cannot read is refused by graphql-java before any fetcher runs, with an
 * English validation message around ours ("Validation error (WrongType@[…]) : argument 'startsAt' with value …").
 * The error keeps its code (INVALID_TIME / INVALID_DATE); this gives it the message a secretary reads, naming the
 * argument (or the variable that carried it).
 */
@Component
class ScalarErrors implements WebGraphQlInterceptor {

    private static final Pattern ARGUMENT = Pattern.compile("argument '([^']+)'|Variable '([^']+)'");

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> response.getErrors().stream().noneMatch(ScalarErrors::isScalarError)
                ? response
                : response.transform(builder -> builder.errors(response.getErrors().stream()
                        .map(ScalarErrors::readable).toList())));
    }

    private static boolean isScalarError(ResponseError error) {
        return error.getErrorType() == ErrorType.ValidationError
                && TimeScalars.MESSAGES.containsKey(code(error.getExtensions()));
    }

    private static String code(Map<String, Object> extensions) {
        return extensions == null || !(extensions.get("code") instanceof String code) ? "" : code;
    }

    private static GraphQLError readable(ResponseError error) {
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .message(isScalarError(error) ? message(error) : error.getMessage())
                .errorType(error.getErrorType())
                .locations(error.getLocations())
                .extensions(error.getExtensions());
        if (!error.getParsedPath().isEmpty()) {
            builder.path(error.getParsedPath());
        }
        return builder.build();
    }

    private static String message(ResponseError error) {
        String text = TimeScalars.MESSAGES.get(code(error.getExtensions()));
        Matcher argument = ARGUMENT.matcher(error.getMessage() == null ? "" : error.getMessage());
        if (!argument.find()) {
            return text;
        }
        return (argument.group(1) != null ? argument.group(1) : "$" + argument.group(2)) + " " + text;
    }
}
