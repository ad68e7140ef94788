package shop;

/** The fixed twin: both directions take the store lock first, then the shelf lock. */
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
        synchronized (storeLock) {
            synchronized (shelfLock) {
                onShelf--;
                inStore++;
            }
        }
    }
}
