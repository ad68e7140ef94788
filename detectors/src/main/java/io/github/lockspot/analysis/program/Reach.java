package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.flow.Events;
import java.util.List;

/**
 * An event found in a method or in a method it calls: {@code chain} lists the calls from the starting method down to
 * the method holding the event (empty for the method itself).
 */
public record Reach<E>(E event, List<Events.Call> chain) {

    public int depth() {
        return chain.size();
    }
}
