package cn.nantong.tongtongzai.platform.graphql;

import java.util.regex.Pattern;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * graphql-java repeats a literal argument in its validation messages (e.g. a missing required field
 * of an input written inline), which could carry a phone number back. Every error message leaving the
 * service has mobile numbers blanked out.
 */
@Component
class PersonalDataInErrors implements WebGraphQlInterceptor {

    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    static final String BLANKED = "[手机号已隐去]";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> response.getErrors().stream()
                .noneMatch(e -> e.getMessage() != null && MOBILE.matcher(e.getMessage()).find())
                ? response
                : response.transform(builder -> builder.errors(response.getErrors().stream().map(PersonalDataInErrors::blanked).toList())));
    }

    private static GraphQLError blanked(ResponseError error) {
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .message(error.getMessage() == null ? null : MOBILE.matcher(error.getMessage()).replaceAll(BLANKED))
                .errorType(error.getErrorType())
                .locations(error.getLocations())
                .extensions(error.getExtensions());
        if (!error.getParsedPath().isEmpty()) {
            builder.path(error.getParsedPath());
        }
        return builder.build();
    }
}
