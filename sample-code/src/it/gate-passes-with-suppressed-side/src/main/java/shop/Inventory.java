package shop;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

/**
 * Two stock counters moved between in both directions, each direction taking the locks in its own order. The team
 * has judged the cycle (restock runs only before the shop opens) and suppressed it on restock, the second side: the
 * report is located in returnToStore, where shelfLock (first by name) is held while storeLock is taken.
 */
public final class Inventory {
    private final Object shelfLock = new Object();
    private final Object storeLock = new Object();
    private int onShelf;
    private int inStore = 10;

    @SuppressFBWarnings(value = "DLK_LOCK_ORDER_CYCLE", justification = "restock runs only before opening")
    public void restock() {
        synchronized (storeLock) {
            synchronized (shelfLock) {
                inStore--;
                onShelf++;
            }
        }
    }

    public void returnToStore() {
        synchronized (shelfLock) {
            synchronized (storeLock) {
                onShelf--;
                inStore++;
            }
        }
    }
}
