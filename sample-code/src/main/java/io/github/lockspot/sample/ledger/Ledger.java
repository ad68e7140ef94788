package io.github.lockspot.sample.ledger;

import java.util.ArrayList;
import java.util.List;

/** Moves money between accounts and keeps a journal of transfers. */
public final class Ledger {
    private final List<String> journal = new ArrayList<>();

    /**
     * Locks both accounts so no one sees money in flight. The locks follow the argument order, so
     * {@code transfer(a, b)} and {@code transfer(b, a)} on two threads deadlock.
     */
    public void transfer(Account from, Account to, long amount) {
        synchronized (from) {
            synchronized (to) {
                from.add(-amount);
                to.add(amount);
            }
        }
        synchronized (journal) {
            journal.add(from.id() + " -> " + to.id() + ": " + amount);
        }
    }

    /** The same, with the locks taken in one global order (by account id), as the seed's fix does. */
    public void transferInOrder(Account from, Account to, long amount) {
        Account first = from.id().compareTo(to.id()) < 0 ? from : to;
        Account second = first == from ? to : from;
        synchronized (first) {
            synchronized (second) {
                from.add(-amount);
                to.add(amount);
            }
        }
    }

    public List<String> journal() {
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }
}
