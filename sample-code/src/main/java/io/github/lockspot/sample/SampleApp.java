package io.github.lockspot.sample;

import io.github.lockspot.sample.catalog.Catalog;
import io.github.lockspot.sample.catalog.SearchIndex;
import io.github.lockspot.sample.jobs.JobQueue;
import io.github.lockspot.sample.ledger.Account;
import io.github.lockspot.sample.ledger.Ledger;
import io.github.lockspot.sample.metrics.RequestCounter;
import io.github.lockspot.sample.pool.ConnectionPool;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Wires the shop's parts together and serves a few requests on a thread pool. */
public final class SampleApp {
    private SampleApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Ledger ledger = new Ledger();
        Account alice = new Account("alice", 100);
        Account bob = new Account("bob", 100);
        RequestCounter counter = new RequestCounter();
        ConnectionPool pool = new ConnectionPool(3);
        JobQueue jobs = new JobQueue(16);
        Catalog catalog = new Catalog();
        SearchIndex index = new SearchIndex(catalog);
        catalog.attach(index);

        ExecutorService workers = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 8; i++) {
            int request = i;
            workers.execute(() -> {
                counter.record(request % 2 == 0 ? "/transfer" : "/search");
                ledger.transferInOrder(alice, bob, 1);
                catalog.add("product-" + request);
                try {
                    jobs.submit(() -> { });
                    pool.withConnection(connection -> connection.length());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        index.rebuild();
        System.out.printf("requests=%d alice=%d bob=%d products=%d%n", counter.total(), alice.balance(),
                bob.balance(), catalog.products().size());
    }
}
