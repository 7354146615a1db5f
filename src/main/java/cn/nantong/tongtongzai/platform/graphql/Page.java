package cn.nantong.tongtongzai.platform.graphql;

import java.util.List;

import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.query.ScrollSubrange;

/**
 * One forward page of a Relay connection ({@code first}/{@code after}), read with SKIP/LIMIT.
 * Default {@value #DEFAULT_SIZE} rows, at most {@value #MAX_SIZE}; the cursor of row r continues at r + 1.
 */
public record Page(long skip, int limit) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static Page of(ScrollSubrange subrange) {
        if (!subrange.forward()) {
            throw new UserInputException(ErrorCode.INVALID_PAGE, "Only forward paging (first/after) is supported.");
        }
        int size = subrange.count().orElse(DEFAULT_SIZE);
        if (size < 0 || size > MAX_SIZE) {
            throw new UserInputException(ErrorCode.INVALID_PAGE,
                    "first must be between 0 and " + MAX_SIZE + ", was " + size + ".");
        }
        long skip = subrange.position()
                .map(position -> position instanceof OffsetScrollPosition offset && !offset.isInitial()
                        ? offset.getOffset() + 1
                        : 0L)
                .orElse(0L);
        return new Page(skip, size);
    }

    /** Rows to fetch: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    public <T> Window<T> window(List<T> fetched) {
        boolean hasNext = fetched.size() > limit;
        List<T> rows = hasNext ? fetched.subList(0, limit) : fetched;
        return Window.from(rows, index -> ScrollPosition.offset(skip + index), hasNext);
    }
}
