package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;
import java.util.List;

/**
 * Everything the detectors need to know about one method's locking, computed once: acquisitions, releases,
 * wait/notify uses, calls and field accesses, each with the locks held there, the conditional branches that decide
 * whether an instruction runs, and the method's loops. A method the analysis could not understand has
 * {@link #skipReason()} set and no events. {@code guardedBy} is the value of a {@code @GuardedBy} annotation on the
 * method (its callers must hold that lock), or null.
 */
public record MethodSummary(MethodRef method, int access, int firstLine, List<Events.Acquisition> acquisitions,
        List<Events.Release> releases, List<Events.MonitorUse> monitorUses, List<Events.Call> calls,
        List<Events.FieldAccess> fieldAccesses, String skipReason, List<Events.Branch> branches, List<Loop> loops,
        String guardedBy) {

    /** By method only, which equal summaries share: hashing every event of the method made map keys slow. */
    @Override
    public int hashCode() {
        return method.hashCode();
    }

    static MethodSummary skipped(MethodRef method, int access, String reason, String guardedBy) {
        return new MethodSummary(method, access, -1, List.of(), List.of(), List.of(), List.of(), List.of(), reason,
                List.of(), List.of(), guardedBy);
    }

    /** Whether {@code site} (an instruction of this method) is inside a loop. */
    public boolean inLoop(Site site) {
        return inSameLoop(site, site);
    }

    /** Whether one loop of this method contains both sites: e.g. an allocation made afresh for each launch there. */
    public boolean inSameLoop(Site a, Site b) {
        if (!a.method().equals(method) || !b.method().equals(method)) {
            return false;
        }
        for (Loop loop : loops) {
            if (loop.contains(a.insn()) && loop.contains(b.insn())) {
                return true;
            }
        }
        return false;
    }

    /** The branches whose outcome decides whether the instruction at {@code site} runs, in the order of their jumps. */
    public List<Events.Branch> guardsOf(Site site) {
        List<Events.Branch> guards = new java.util.ArrayList<>();
        for (Events.Branch branch : branches) {
            if (branch.covers(site.insn())) {
                guards.add(branch);
            }
        }
        return guards;
    }

    public boolean isStatic() {
        return (access & org.objectweb.asm.Opcodes.ACC_STATIC) != 0;
    }

    public boolean isConstructor() {
        return method.name().equals("<init>") || method.name().equals("<clinit>");
    }

    public boolean isSynthetic() {
        return (access & (org.objectweb.asm.Opcodes.ACC_SYNTHETIC | org.objectweb.asm.Opcodes.ACC_BRIDGE)) != 0;
    }
}
