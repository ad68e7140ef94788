package io.github.lockspot.sample.jobs;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** A bounded queue of jobs between web threads (producers) and workers (consumers). */
public final class JobQueue {
    private final BlockingQueue<Runnable> queue;
    private long submitted;

    public JobQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Counts and enqueues a job; when the queue is full, put() waits while this queue's monitor is held. */
    public synchronized void submit(Runnable job) throws InterruptedException {
        submitted++;
        queue.put(job);
    }

    /** Workers take jobs; the queue does its own locking. */
    public Runnable next() throws InterruptedException {
        return queue.take();
    }

    public synchronized long submitted() {
        return submitted;
    }
}
