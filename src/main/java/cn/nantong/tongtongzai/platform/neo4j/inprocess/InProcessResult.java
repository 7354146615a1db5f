package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Stream;

import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.exceptions.NoSuchRecordException;
import org.neo4j.driver.summary.ResultSummary;

/** A statement's rows, all read, handed out one by one as the driver's {@link Result} does. */
final class InProcessResult implements Result {

    private final List<String> keys;
    private final List<Record> records;
    private final ResultSummary summary;
    private int next;
    private boolean consumed;

    InProcessResult(List<String> keys, List<Record> records, ResultSummary summary) {
        this.keys = List.copyOf(keys);
        this.records = records;
        this.summary = summary;
    }

    @Override
    public List<String> keys() {
        return keys;
    }

    @Override
    public boolean hasNext() {
        return !consumed && next < records.size();
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more records.");
        }
        return records.get(next++);
    }

    @Override
    public Record single() {
        if (!hasNext()) {
            throw new NoSuchRecordException("Cannot retrieve a single record, because this result is empty.");
        }
        Record record = next();
        if (hasNext()) {
            throw new NoSuchRecordException("Expected a result with a single record, but this result contains at least one more.");
        }
        return record;
    }

    @Override
    public Record peek() {
        if (!hasNext()) {
            throw new NoSuchRecordException("Cannot peek past the last record.");
        }
        return records.get(next);
    }

    @Override
    public Stream<Record> stream() {
        List<Record> rest = list();
        return rest.stream();
    }

    @Override
    public List<Record> list() {
        return list(Function.identity());
    }

    @Override
    public <T> List<T> list(Function<Record, T> mapFunction) {
        List<T> rest = new ArrayList<>();
        while (hasNext()) {
            rest.add(mapFunction.apply(next()));
        }
        return rest;
    }

    @Override
    public ResultSummary consume() {
        consumed = true;
        return summary;
    }

    @Override
    public boolean isOpen() {
        return !consumed;
    }
}
