package io.github.lockspot.analysis.flow;

/**
 * A loop of one method, as the instruction range from its head (the target of a backward jump) to that jump. Code in
 * the range may run many times per call: a task launched there may run as several copies at once.
 */
public record Loop(int head, int backEdge) {

    public boolean contains(int insn) {
        return head <= insn && insn <= backEdge;
    }
}
