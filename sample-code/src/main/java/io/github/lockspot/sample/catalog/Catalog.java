package io.github.lockspot.sample.catalog;

import java.util.ArrayList;
import java.util.List;

/** A product catalog that notifies its listeners' index when products change. */
public final class Catalog {
    private final List<String> products = new ArrayList<>();
    private SearchIndex index;

    public synchronized void attach(SearchIndex index) {
        this.index = index;
    }

    /** Holds the catalog's monitor while calling into the index, which takes the index's monitor. */
    public synchronized void add(String product) {
        products.add(product);
        if (index != null) {
            index.reindex(product);
        }
    }

    public synchronized List<String> products() {
        return List.copyOf(products);
    }
}
