package shop;

/** The new code of the second change: a parcel and its label locked in both orders, a deadlock the baseline lacks. */
public final class Shipping {
    private final Object parcelLock = new Object();
    private final Object labelLock = new Object();
    private String label = "";

    public void pack(String address) {
        synchronized (parcelLock) {
            synchronized (labelLock) {
                label = address;
            }
        }
    }

    public String relabel() {
        synchronized (labelLock) {
            synchronized (parcelLock) {
                return label;
            }
        }
    }
}
