package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.flow.Events;
import java.util.AbstractList;
import java.util.List;

/**
 * An event found in a method or in a method it calls: {@code chain} lists the calls from the starting method down to
 * the method holding the event (empty for the method itself).
 */
public record Reach<E>(E event, List<Events.Call> chain) {

    public int depth() {
        return chain.size();
    }

    /**
     * The chain as the caller sees it that reached its start by {@code call}: {@code call}, then {@code chain}. A view,
     * not a copy: every walk under a lock prefixes each event it reaches so, most of them only to look at once.
     */
    public List<Events.Call> chainFrom(Events.Call call) {
        return new AbstractList<>() {
            @Override
            public Events.Call get(int index) {
                return index == 0 ? call : chain.get(index - 1);
            }

            @Override
            public int size() {
                return chain.size() + 1;
            }
        };
    }
}
