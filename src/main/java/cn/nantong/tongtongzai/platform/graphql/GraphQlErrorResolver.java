package cn.nantong.tongtongzai.platform.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.neo4j.DatabaseFailures;
import cn.nantong.tongtongzai.platform.security.AccessRefusedException;

/** Maps user-caused exceptions to GraphQL errors with a stable {@code extensions.code}. */
@Component
class GraphQlErrorResolver extends DataFetcherExceptionResolverAdapter {

    private static final ErrorClassification UNAVAILABLE = ErrorClassification.errorClassification("UNAVAILABLE");

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof UserInputException e) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", e.code().name());
            e.details().forEach(extensions::putIfAbsent);
            if (!e.problems().isEmpty()) {
                extensions.put("problems", e.problems().stream()
                        .map(p -> Map.of("field", p.field(), "code", p.code().name(), "message", p.message())).toList());
            }
            return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST).message(e.getMessage())
                    .extensions(extensions).build();
        }
        if (ex instanceof AccessRefusedException e) {
            return error(env, e.isNotFound() ? ErrorType.NOT_FOUND : ErrorType.FORBIDDEN, e.code(), e.getMessage());
        }
        if (ex instanceof ConstraintViolationException e) {
            String message = e.getConstraintViolations().stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; "));
            return error(env, ErrorType.BAD_REQUEST, ErrorCode.INVALID_INPUT, message);
        }
        if (ex instanceof AbortExecutionException) {
            // cancelled at the request's deadline: every field still pending says so, and StopAtDeadline answers
            // REQUEST_TIMEOUT for the whole request (without this, each was logged as unresolved, stack and all)
            return error(env, ErrorType.INTERNAL_ERROR, StopAtDeadline.CODE, "查询超时，已停止。");
        }
        if (DatabaseFailures.unavailable(ex) || DatabaseFailures.transientFailure(ex)) {
            // retried already (WriteTransactions, ReadRetry): the database is down, restarting or overloaded
            return GraphqlErrorBuilder.newError(env).errorType(UNAVAILABLE).message("数据库暂时无法访问，请稍后重试。")
                    .extensions(Map.of("code", ErrorCode.DATABASE_UNAVAILABLE.name())).build();
        }
        return null; // Spring's default: INTERNAL_ERROR without internals
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, ErrorCode code, String message) {
        return GraphqlErrorBuilder.newError(env)
                .errorType(type)
                .message(message)
                .extensions(Map.of("code", code.name()))
                .build();
    }
}
