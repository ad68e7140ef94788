package io.github.lockspot.sample.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts requests per endpoint; called from every request thread. */
public final class RequestCounter {
    /** Visible to every thread, but {@code ++} on it is still a read, an add and a write. */
    private volatile long total;
    private final Map<String, Integer> perEndpoint = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();

    public void record(String endpoint) {
        total++;
        Integer seen = perEndpoint.get(endpoint);
        perEndpoint.put(endpoint, seen == null ? 1 : seen + 1);
    }

    public void recordError() {
        errors.increment();
    }

    public long total() {
        return total;
    }

    public int count(String endpoint) {
        return perEndpoint.getOrDefault(endpoint, 0);
    }

    public long errors() {
        return errors.sum();
    }
}
