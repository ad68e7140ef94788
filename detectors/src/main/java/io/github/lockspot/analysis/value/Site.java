package io.github.lockspot.analysis.value;

/**
 * An instruction of an analysed method: the method, the instruction's index in its instruction list and its source
 * line (-1 when the class has no line table). Reports turn sites into SpotBugs source-line annotations.
 */
public record Site(MethodRef method, int insn, int line) implements Comparable<Site> {

    /** "line 17" for messages; classes compiled without line numbers (Derby's jars) have none to give. */
    public String lineText() {
        return line > 0 ? "line " + line : "an unknown line (no line numbers in the class)";
    }

    @Override
    public String toString() {
        return line > 0 ? method + ":" + line : method + "@" + insn;
    }

    @Override
    public int compareTo(Site other) {
        int byMethod = method.compareTo(other.method);
        return byMethod != 0 ? byMethod : Integer.compare(insn, other.insn);
    }
}
