package shop;

/** Two stock counters moved between in both directions, each direction taking the locks in its own order. */
public final class Inventory {
    private final Object shelfLock = new Object();
    private final Object storeLock = new Object();
    private int onShelf;
    private int inStore = 10;

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
