package io.github.lockspot.sample.catalog;

import java.util.HashSet;
import java.util.Set;

/** Indexes product names; rebuilding reads the whole catalog. */
public final class SearchIndex {
    private final Catalog catalog;
    private final Set<String> terms = new HashSet<>();

    public SearchIndex(Catalog catalog) {
        this.catalog = catalog;
    }

    public synchronized void reindex(String product) {
        terms.add(product.toLowerCase());
    }

    /** Holds the index's monitor while asking the catalog, which takes the catalog's: the other order. */
    public synchronized void rebuild() {
        terms.clear();
        for (String product : catalog.products()) {
            terms.add(product.toLowerCase());
        }
    }

    public synchronized boolean contains(String term) {
        return terms.contains(term);
    }
}
