package cn.nantong.tongtongzai.platform.graphql;

import java.util.List;
import java.util.function.LongSupplier;

import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.WiringFactory;

import org.springframework.data.domain.Window;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * A page of a list a screen shows as a table, with {@code totalCount}: how many rows the whole list holds, counted
 * only when a document asks for it. The list's fetcher hands the count over as the connection's local context; one
 * fetcher serves {@code totalCount} on every {@code *Connection}. Lists nested in another object hand none over, so
 * their totalCount is null (a nested page's parent would otherwise lend it its own count).
 */
@Component
public class Listing implements RuntimeWiringConfigurer {

    /** The count of the list at {@code path}. */
    private record Total(ResultPath path, LongSupplier count) {
    }

    /** The page, and how to count the whole list should the document ask. */
    public static <T> DataFetcherResult<Window<T>> of(DataFetchingEnvironment env, Window<T> page, LongSupplier count) {
        return DataFetcherResult.<Window<T>>newResult().data(page)
                .localContext(new Total(env.getExecutionStepInfo().getPath(), count)).build();
    }

    @Override
    public void configure(RuntimeWiring.Builder builder) {
    }

    @Override
    public void configure(RuntimeWiring.Builder builder, List<WiringFactory> container) {
        container.add(new WiringFactory() {
            @Override
            public boolean providesDataFetcher(FieldWiringEnvironment environment) {
                return environment.getFieldDefinition().getName().equals("totalCount")
                        && environment.getParentType().getName().endsWith("Connection");
            }

            @Override
            public DataFetcher<?> getDataFetcher(FieldWiringEnvironment environment) {
                return Listing::totalCount;
            }
        });
    }

    private static Integer totalCount(DataFetchingEnvironment env) {
        if (env.getLocalContext() instanceof Total total
                && total.path().equals(env.getExecutionStepInfo().getParent().getPath())) {
            return Math.toIntExact(total.count().getAsLong());
        }
        return null;
    }
}
