package io.github.lockspot.analysis;

import java.util.List;

/**
 * Everything the detectors need to know about one method's locking, computed once: acquisitions, releases,
 * wait/notify uses, calls and field accesses, each with the locks held there, and the conditional branches that
 * decide whether an instruction runs. A method the analysis could not understand has {@link #skipReason()} set and no
 * events.
 */
public record MethodSummary(MethodRef method, int access, int firstLine, List<Events.Acquisition> acquisitions,
        List<Events.Release> releases, List<Events.MonitorUse> monitorUses, List<Events.Call> calls,
        List<Events.FieldAccess> fieldAccesses, String skipReason, List<Events.Branch> branches) {

    /** A summary without branch facts. */
    public MethodSummary(MethodRef method, int access, int firstLine, List<Events.Acquisition> acquisitions,
            List<Events.Release> releases, List<Events.MonitorUse> monitorUses, List<Events.Call> calls,
            List<Events.FieldAccess> fieldAccesses, String skipReason) {
        this(method, access, firstLine, acquisitions, releases, monitorUses, calls, fieldAccesses, skipReason,
                List.of());
    }

    static MethodSummary skipped(MethodRef method, int access, String reason) {
        return new MethodSummary(method, access, -1, List.of(), List.of(), List.of(), List.of(), List.of(), reason);
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

    public boolean isSynchronized() {
        return (access & org.objectweb.asm.Opcodes.ACC_SYNCHRONIZED) != 0;
    }

    public boolean isConstructor() {
        return method.name().equals("<init>") || method.name().equals("<clinit>");
    }

    public boolean isSynthetic() {
        return (access & (org.objectweb.asm.Opcodes.ACC_SYNTHETIC | org.objectweb.asm.Opcodes.ACC_BRIDGE)) != 0;
    }
}
