package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.Site;

/**
 * How one lock is held at an instruction, over all paths that reach it: at least {@code min} times on every path, at
 * most {@code max} times on some path. {@code acquiredAt} is where it was taken (null if not held on any path);
 * {@code missingAt} explains a path on which it is not held: where an acquisition could fail or be skipped, or where
 * it was already released (null when held on every path).
 */
public record Hold(LockId lock, int min, int max, Site acquiredAt, Site missingAt) {

    /** Counts are capped so that loops that take a lock repeatedly still reach a fixed point. */
    static final int MAX_COUNT = 3;

    public boolean heldOnEveryPath() {
        return min > 0;
    }

    public boolean heldOnSomePath() {
        return max > 0;
    }
}
