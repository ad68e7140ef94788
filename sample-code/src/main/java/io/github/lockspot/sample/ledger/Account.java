package io.github.lockspot.sample.ledger;

/** A bank account; its own monitor guards its balance. */
public final class Account {
    private final String id;
    private long balance;

    public Account(String id, long openingBalance) {
        this.id = id;
        this.balance = openingBalance;
    }

    public String id() {
        return id;
    }

    public synchronized long balance() {
        return balance;
    }

    synchronized void add(long amount) {
        balance += amount;
    }
}
