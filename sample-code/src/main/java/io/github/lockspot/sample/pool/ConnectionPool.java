package io.github.lockspot.sample.pool;

import java.util.concurrent.Semaphore;
import java.util.function.Function;

/** Lends at most {@code size} connections at a time, like the seed's database semaphore. */
public final class ConnectionPool {
    private final Semaphore permits;

    public ConnectionPool(int size) {
        this.permits = new Semaphore(size);
    }

    /**
     * Runs a query on a pooled connection. The permit is taken inside the try: if the wait is interrupted, the finally
     * still returns a permit that was never taken, and the pool grows past its size.
     */
    public <T> T withConnection(Function<String, T> query) throws InterruptedException {
        try {
            permits.acquire();
            return query.apply("connection");
        } finally {
            permits.release();
        }
    }

    public int available() {
        return permits.availablePermits();
    }
}
