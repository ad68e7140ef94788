package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.api.LockApi;
import io.github.lockspot.analysis.api.Supertypes;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The held-lock dataflow of one method. First ASM's {@link Analyzer} names every value symbolically
 * ({@link SymbolicInterpreter}) and records the control-flow graph, exception edges included; then a forward
 * fixed point over that graph computes, before every instruction, which locks are held on every path and on some
 * path ({@link HeldLocks}). Exception edges carry the state from before the throwing instruction, which is what a
 * {@code finally} block sees. Finally one sweep turns instructions into {@link Events}.
 */
final class MethodLockAnalysis {

    /** Methods whose frames would exceed this many value slots are skipped rather than risk the run's memory. */
    static final long MAX_FRAME_SLOTS = 4_000_000L;

    private final MethodRef method;
    private final MethodNode node;
    private final InsnList insns;
    private final int[] lines;
    private final SymbolicInterpreter interpreter;
    private final Supertypes supertypes;
    private final List<int[]> successors = new ArrayList<>();
    private final List<int[]> handlers = new ArrayList<>();
    private Frame<SymbolicValue>[] frames;
    /** The lock effect of each reachable call instruction (null: none), computed once for the fixpoint's many visits. */
    private LockApi.Effect[] effects;
    private HeldLocks[] in;
    private Site[] firstSource;

    private MethodLockAnalysis(String owner, MethodNode node, Map<String, ValuePath> conditionFields,
            Supertypes supertypes, Accessors accessors) {
        this.method = new MethodRef(owner, node.name, node.desc);
        this.node = node;
        this.insns = node.instructions;
        this.lines = lineTable(insns);
        this.supertypes = supertypes;
        this.interpreter = new SymbolicInterpreter(method, node, lines, conditionFields, supertypes, accessors);
    }

    /** Analyses one method; never throws for bytecode it does not understand, but returns a skipped summary. */
    static MethodSummary analyze(String owner, MethodNode node, Map<String, ValuePath> conditionFields,
            Supertypes supertypes, Accessors accessors) {
        MethodRef ref = new MethodRef(owner, node.name, node.desc);
        if (node.instructions.size() == 0) {
            return MethodSummary.skipped(ref, node.access, null, guardedBy(node));
        }
        long slots = (long) node.instructions.size() * (node.maxLocals + node.maxStack);
        if (slots > MAX_FRAME_SLOTS) {
            return MethodSummary.skipped(ref, node.access, "too large to analyse (" + node.instructions.size()
                    + " instructions)", guardedBy(node));
        }
        try {
            return new MethodLockAnalysis(owner, node, conditionFields, supertypes, accessors).run();
        } catch (AnalyzerException | RuntimeException | StackOverflowError e) {
            return MethodSummary.skipped(ref, node.access, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    guardedBy(node));
        }
    }

    private static int[] lineTable(InsnList insns) {
        int[] lines = new int[insns.size()];
        int line = -1;
        for (int i = 0; i < lines.length; i++) {
            if (insns.get(i) instanceof LineNumberNode number) {
                line = number.line;
            }
            lines[i] = line;
        }
        // Instructions before the first line-number node (synchronized-method entry) take the first line.
        int first = firstLine(lines);
        for (int i = 0; i < lines.length && lines[i] < 0; i++) {
            lines[i] = first;
        }
        return lines;
    }

    private static int firstLine(int[] lines) {
        for (int line : lines) {
            if (line > 0) {
                return line;
            }
        }
        return -1;
    }

    private Site site(int insn) {
        return new Site(method, insn, lines[insn]);
    }

    private MethodSummary run() throws AnalyzerException {
        int n = insns.size();
        for (int i = 0; i < n; i++) {
            successors.add(null);
            handlers.add(null);
        }
        Analyzer<SymbolicValue> analyzer = new Analyzer<>(interpreter) {
            @Override
            protected void newControlFlowEdge(int insn, int successor) {
                successors.set(insn, append(successors.get(insn), successor));
            }

            @Override
            protected Frame<SymbolicValue> newFrame(int numLocals, int numStack) {
                return new NullTestFrame(numLocals, numStack, interpreter);
            }

            @Override
            protected Frame<SymbolicValue> newFrame(Frame<? extends SymbolicValue> frame) {
                return new NullTestFrame(frame, interpreter);
            }

            @Override
            protected boolean newControlFlowExceptionEdge(int insn, TryCatchBlockNode tryCatch) {
                handlers.set(insn, append(handlers.get(insn), insns.indexOf(tryCatch.handler)));
                return true;
            }
        };
        frames = analyzer.analyze(method.owner(), node);
        effects = new LockApi.Effect[n];
        for (int i = 0; i < n; i++) {
            if (frames[i] != null && insns.get(i) instanceof MethodInsnNode call) {
                effects[i] = effect(call, frames[i]);
            }
        }
        solveHeldLocks();
        return collectEvents();
    }

    private static int[] append(int[] list, int value) {
        if (list == null) {
            return new int[] {value};
        }
        for (int existing : list) {
            if (existing == value) {
                return list;
            }
        }
        int[] longer = java.util.Arrays.copyOf(list, list.length + 1);
        longer[list.length] = value;
        return longer;
    }

    /** The lock a synchronized method holds on entry: its receiver's monitor, or its class's for a static method. */
    private LockId entryMonitor() {
        if ((node.access & Opcodes.ACC_SYNCHRONIZED) == 0) {
            return null;
        }
        ValuePath owner = (node.access & Opcodes.ACC_STATIC) != 0 ? new ValuePath.ClassLiteral(method.owner())
                : new ValuePath.This(method.owner());
        return new LockId(LockKind.MONITOR, owner);
    }

    private void solveHeldLocks() {
        int n = insns.size();
        in = new HeldLocks[n];
        firstSource = new Site[n];
        LockId monitor = entryMonitor();
        in[0] = monitor == null ? HeldLocks.NONE : HeldLocks.NONE.acquire(monitor, site(0));
        firstSource[0] = site(0);
        BitSet pending = new BitSet(n);
        pending.set(0);
        long budget = 50L * n + 10_000;
        for (int i = pending.nextSetBit(0); i >= 0; i = pending.nextSetBit(0)) {
            pending.clear(i);
            if (--budget < 0) {
                throw new IllegalStateException("held-lock analysis did not converge");
            }
            if (frames[i] == null) {
                continue;
            }
            int[] next = successors.get(i);
            if (next != null) {
                for (int successor : next) {
                    propagate(successor, transfer(i, in[i], successor), i, pending);
                }
            }
            int[] catchers = handlers.get(i);
            if (catchers != null && canThrow(insns.get(i))) {
                for (int handler : catchers) {
                    propagate(handler, in[i], i, pending);
                }
            }
        }
    }

    /**
     * Whether an instruction can throw, and so lead to its exception handlers: not labels and line numbers, local
     * variable and stack moves, constants, arithmetic other than division, conversions, comparisons and jumps. Keeps a
     * {@code finally} from seeing paths that leave the {@code try} where nothing can go wrong.
     */
    private static boolean canThrow(AbstractInsnNode insn) {
        int opcode = insn.getOpcode();
        if (opcode < 0 || opcode <= Opcodes.SIPUSH || opcode == Opcodes.IINC || opcode == Opcodes.GOTO) {
            return false; // pseudo-instructions, NOP, constants other than LDC
        }
        if (opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD || opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE
                || opcode >= Opcodes.POP && opcode <= Opcodes.SWAP) {
            return false;
        }
        if (opcode >= Opcodes.IADD && opcode <= Opcodes.DCMPG) {
            return opcode == Opcodes.IDIV || opcode == Opcodes.LDIV || opcode == Opcodes.IREM
                    || opcode == Opcodes.LREM;
        }
        return !(opcode >= Opcodes.IFEQ && opcode <= Opcodes.IF_ACMPNE);
    }

    private void propagate(int target, HeldLocks state, int source, BitSet pending) {
        if (in[target] == null) {
            in[target] = state;
            firstSource[target] = site(source);
            pending.set(target);
            return;
        }
        if (state.equals(in[target])) {
            return; // the common case, nothing held on either path
        }
        HeldLocks joined = in[target].join(state, firstSource[target], site(source));
        if (!joined.equals(in[target])) {
            in[target] = joined;
            pending.set(target);
        }
    }

    /** The state after instruction {@code i} on the edge to {@code successor}. */
    private HeldLocks transfer(int i, HeldLocks state, int successor) {
        AbstractInsnNode insn = insns.get(i);
        Frame<SymbolicValue> frame = frames[i];
        switch (insn.getOpcode()) {
            case Opcodes.MONITORENTER:
                return state.acquire(monitorOf(top(frame, 0)), site(i));
            case Opcodes.MONITOREXIT:
                return state.release(monitorOf(top(frame, 0)), site(i));
            case Opcodes.IFEQ, Opcodes.IFNE:
                return afterTryLockTest((JumpInsnNode) insn, i, top(frame, 0), state, successor);
            default:
                break;
        }
        LockApi.Effect effect = effects[i];
        if (effect != null) {
            return switch (effect.op()) {
                case ACQUIRE -> state.acquire(effect.lock(), site(i));
                case TRY_ACQUIRE, TRY_ACQUIRE_STAMP -> state.mayAcquire(effect.lock(), site(i));
                case RELEASE -> state.release(effect.lock(), site(i));
                case WAIT, NOTIFY -> state;
            };
        }
        return state;
    }

    /** After {@code if (lock.tryLock())}: held on the branch where the result was true, not on the other. */
    private HeldLocks afterTryLockTest(JumpInsnNode jump, int i, SymbolicValue tested, HeldLocks state, int successor) {
        LockId tried = tested.tried;
        int target = insns.indexOf(jump.label);
        if (tried == null || target == i + 1) {
            return state;
        }
        boolean jumpsWhenTrue = jump.getOpcode() == Opcodes.IFNE;
        boolean succeeded = (successor == target) == jumpsWhenTrue;
        Site trySite = state.of(tried).acquiredAt() != null ? state.of(tried).acquiredAt() : site(i);
        return succeeded ? state.tryLockSucceeded(tried) : state.tryLockFailed(tried, trySite);
    }

    private static SymbolicValue top(Frame<SymbolicValue> frame, int depth) {
        return frame.getStack(frame.getStackSize() - 1 - depth);
    }

    private static LockId monitorOf(SymbolicValue value) {
        ValuePath path = value.path != null ? value.path : value.choice != null ? value.choice
                : new ValuePath.Unknown(value.type != null ? value.type : "java/lang/Object");
        return new LockId(LockKind.MONITOR, path);
    }

    private static SymbolicValue receiverOf(MethodInsnNode call, Frame<SymbolicValue> frame) {
        if (call.getOpcode() == Opcodes.INVOKESTATIC) {
            return null;
        }
        return top(frame, Type.getArgumentTypes(call.desc).length);
    }

    private LockApi.Effect effect(MethodInsnNode call, Frame<SymbolicValue> frame) {
        SymbolicValue receiver = receiverOf(call, frame);
        if (receiver == null) {
            return null;
        }
        ValuePath path = receiver.path != null ? receiver.path
                : new ValuePath.Unknown(receiver.type != null ? receiver.type : call.owner);
        return LockApi.effectOf(LockApi.lockTypeOf(call.owner, call.name, supertypes), call.name, call.desc, path);
    }

    private MethodSummary collectEvents() {
        List<Events.Acquisition> acquisitions = new ArrayList<>();
        List<Events.Release> releases = new ArrayList<>();
        List<Events.MonitorUse> monitorUses = new ArrayList<>();
        List<Events.Call> calls = new ArrayList<>();
        List<Events.FieldAccess> fieldAccesses = new ArrayList<>();
        LockId monitor = entryMonitor();
        if (monitor != null) {
            acquisitions.add(new Events.Acquisition(site(0), monitor, true, false, HeldLocks.NONE));
        }
        for (int i = 0; i < insns.size(); i++) {
            if (in[i] == null || frames[i] == null) {
                continue; // unreachable
            }
            AbstractInsnNode insn = insns.get(i);
            Frame<SymbolicValue> frame = frames[i];
            HeldLocks held = in[i];
            switch (insn.getOpcode()) {
                case Opcodes.MONITORENTER ->
                        acquisitions.add(new Events.Acquisition(site(i), monitorOf(top(frame, 0)), true, false, held));
                case Opcodes.MONITOREXIT -> {
                    LockId lock = monitorOf(top(frame, 0));
                    releases.add(new Events.Release(site(i), lock, held.of(lock)));
                }
                case Opcodes.GETFIELD, Opcodes.GETSTATIC, Opcodes.PUTFIELD, Opcodes.PUTSTATIC ->
                        fieldAccesses.add(fieldAccess(i, (FieldInsnNode) insn, frame, held));
                default -> {
                    if (effects[i] != null) {
                        recordLockCall(i, effects[i], held, acquisitions, releases, monitorUses);
                    } else if (insn instanceof MethodInsnNode call) {
                        calls.add(call(i, call, frame, held));
                    }
                }
            }
        }
        return new MethodSummary(method, node.access, firstLine(lines), List.copyOf(acquisitions),
                List.copyOf(releases), List.copyOf(monitorUses), List.copyOf(calls), List.copyOf(fieldAccesses), null,
                branches(), loops(), guardedBy(node));
    }

    /**
     * The ranges that forward conditional jumps decide: {@code if (c) {then}} skips {@code then} when {@code c} fails,
     * and a {@code then} that ends by jumping over an {@code else} leaves that {@code else} to the other outcome. A
     * backward jump closes a loop whose body already ran once, so it decides nothing here.
     */
    private List<Events.Branch> branches() {
        List<Events.Branch> branches = new ArrayList<>();
        for (int i = 0; i < insns.size(); i++) {
            if (!(insns.get(i) instanceof JumpInsnNode jump) || !isConditional(jump.getOpcode()) || frames[i] == null) {
                continue;
            }
            int target = insns.indexOf(jump.label);
            if (target <= i) {
                continue;
            }
            Set<Origin> tested = testedOrigins(jump.getOpcode(), frames[i]);
            boolean nullCheck = jump.getOpcode() == Opcodes.IFNULL || jump.getOpcode() == Opcodes.IFNONNULL;
            boolean fallsThroughOnNull = jump.getOpcode() == Opcodes.IFNONNULL;
            Events.Flag then = flagTested(jump.getOpcode(), frames[i]);
            boolean equalityTest = equalityTest(jump.getOpcode(), frames[i]);
            // IFNONNULL, IFNE and IF_ICMPNE jump when the value differs: what they fall through to runs when it is unset
            boolean fallsThroughOnUnset = equalityTest && (jump.getOpcode() == Opcodes.IFNONNULL
                    || jump.getOpcode() == Opcodes.IFNE || jump.getOpcode() == Opcodes.IF_ICMPNE);
            branches.add(new Events.Branch(site(i), i + 1, endOfRun(i + 1, target), tested, nullCheck,
                    fallsThroughOnNull, fallsThroughOnUnset, then));
            AbstractInsnNode endOfThen = previousInstruction(target);
            if (endOfThen instanceof JumpInsnNode exit && exit.getOpcode() == Opcodes.GOTO) {
                int endOfElse = insns.indexOf(exit.label);
                if (endOfElse > target) {
                    Events.Flag otherwise = then == null ? null : new Events.Flag(then.param(), !then.runsWhen());
                    branches.add(new Events.Branch(site(i), target, endOfRun(target, endOfElse), tested, nullCheck,
                            nullCheck && !fallsThroughOnNull, equalityTest && !fallsThroughOnUnset, otherwise));
                }
            }
        }
        return List.copyOf(branches);
    }

    /**
     * Where the run of instructions from {@code start} that flow from {@code start} ends, at most at {@code end}. Code
     * placed inside the range but reached otherwise (a {@code finally} handler that javac put before a jump's chained
     * target) ends the run.
     */
    private int endOfRun(int start, int end) {
        BitSet reached = new BitSet(end);
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(start));
        reached.set(start);
        while (!todo.isEmpty()) {
            int next = todo.poll();
            for (int[] edges : new int[][] {successors.get(next), handlers.get(next)}) {
                for (int successor : edges == null ? new int[0] : edges) {
                    if (successor > start && successor < end && !reached.get(successor)) {
                        reached.set(successor);
                        todo.add(successor);
                    }
                }
            }
        }
        int firstMissed = reached.nextClearBit(start);
        return Math.min(firstMissed, end);
    }

    private static boolean isConditional(int opcode) {
        return opcode >= Opcodes.IFEQ && opcode <= Opcodes.IF_ACMPNE || opcode == Opcodes.IFNULL
                || opcode == Opcodes.IFNONNULL;
    }

    /**
     * Whether the jump tests a value for equality with a starting value: against null, against zero or false (a
     * comparison's result counts: {@code lcmp} of two values is zero when they are equal), or two ints one of which is
     * a constant (no origins).
     */
    private static boolean equalityTest(int opcode, Frame<SymbolicValue> frame) {
        return switch (opcode) {
            case Opcodes.IFNULL, Opcodes.IFNONNULL, Opcodes.IFEQ, Opcodes.IFNE -> true;
            case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE -> isConstant(top(frame, 0)) || isConstant(top(frame, 1));
            default -> false;
        };
    }

    private static boolean isConstant(SymbolicValue value) {
        return value.origins != null && value.origins.isEmpty();
    }

    /** What the values a conditional jump tests were computed from: one value, or two for a comparison. */
    private static Set<Origin> testedOrigins(int opcode, Frame<SymbolicValue> frame) {
        boolean comparesTwo = opcode >= Opcodes.IF_ICMPEQ && opcode <= Opcodes.IF_ACMPNE;
        Set<Origin> tested = top(frame, 0).origins;
        return comparesTwo ? SymbolicValue.union(tested, top(frame, 1).origins) : tested;
    }

    /**
     * For {@code if (block)} ({@code IFEQ} jumps over the body when the flag is false) and {@code if (!block)}
     * ({@code IFNE}) on a boolean parameter: the value of it that runs the code the jump falls through to.
     */
    private static Events.Flag flagTested(int opcode, Frame<SymbolicValue> frame) {
        int param = top(frame, 0).flagParam;
        if (param < 0 || opcode != Opcodes.IFEQ && opcode != Opcodes.IFNE) {
            return null;
        }
        return new Events.Flag(param, opcode == Opcodes.IFEQ);
    }

    /** The last real instruction before index {@code index}, skipping labels, line numbers and frames. */
    private AbstractInsnNode previousInstruction(int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (insns.get(i).getOpcode() >= 0) {
                return insns.get(i);
            }
        }
        return null;
    }

    private static String guardedBy(MethodNode node) {
        return ClassAnalysis.guardedBy(node.visibleAnnotations, node.invisibleAnnotations);
    }

    /** Every backward jump closes a loop from its target to itself (exception edges are not loops). */
    private List<Loop> loops() {
        List<Loop> loops = new ArrayList<>();
        for (int i = 0; i < successors.size(); i++) {
            int[] next = successors.get(i);
            if (next != null) {
                for (int successor : next) {
                    if (successor <= i) {
                        loops.add(new Loop(successor, i));
                    }
                }
            }
        }
        return List.copyOf(loops);
    }

    private void recordLockCall(int i, LockApi.Effect effect, HeldLocks held, List<Events.Acquisition> acquisitions,
            List<Events.Release> releases, List<Events.MonitorUse> monitorUses) {
        switch (effect.op()) {
            case ACQUIRE -> acquisitions.add(new Events.Acquisition(site(i), effect.lock(), true, effect.interruptible(), held));
            case TRY_ACQUIRE, TRY_ACQUIRE_STAMP ->
                    acquisitions.add(new Events.Acquisition(site(i), effect.lock(), false, false, held));
            case RELEASE -> releases.add(new Events.Release(site(i), effect.lock(), held.of(effect.lock())));
            case WAIT, NOTIFY -> monitorUses.add(new Events.MonitorUse(site(i), effect.op(), effect.lock(), held));
        }
    }

    private Events.Call call(int i, MethodInsnNode call, Frame<SymbolicValue> frame, HeldLocks held) {
        Type[] argTypes = Type.getArgumentTypes(call.desc);
        List<ValuePath> args = new ArrayList<>(argTypes.length);
        Set<Origin> origins = Set.of();
        boolean anyArg = false;
        Map<Integer, Integer> constants = Map.of();
        for (int a = 0; a < argTypes.length; a++) {
            SymbolicValue value = top(frame, argTypes.length - 1 - a);
            args.add(value.path);
            anyArg |= value.path != null;
            origins = SymbolicValue.union(origins, value.origins);
            if (argTypes[a].getSort() == Type.BOOLEAN && value.constant != null) {
                constants = constants.isEmpty() ? new HashMap<>() : constants;
                constants.put(a, value.constant);
            }
        }
        SymbolicValue receiver = receiverOf(call, frame);
        return new Events.Call(site(i), new MethodRef(call.owner, call.name, call.desc), call.getOpcode(),
                receiver == null ? null : receiver.path, anyArg ? Collections.unmodifiableList(args) : List.of(),
                origins == null || origins.isEmpty() ? null : origins, Map.copyOf(constants), held);
    }

    private Events.FieldAccess fieldAccess(int i, FieldInsnNode field, Frame<SymbolicValue> frame, HeldLocks held) {
        int opcode = field.getOpcode();
        boolean write = opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC;
        boolean isStatic = opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC;
        ValuePath base = null;
        if (!isStatic) {
            base = top(frame, write ? 1 : 0).path;
        }
        Origin.FieldRead readBack = null;
        // Only a value computed from the read writes something new back; a copy of it (a lazy initialisation that
        // keeps what it found, a saved value restored) does not.
        if (write && top(frame, 0).computed) {
            readBack = readOf(top(frame, 0).origins, field, base);
        } else if (write && field.desc.equals("Z")) {
            readBack = readOf(negatedFrom(field), field, base);
        }
        ValuePath written = write ? top(frame, 0).path : null;
        return new Events.FieldAccess(site(i), field.owner, field.name, write, isStatic, base, written,
                write && storesDefaultConstant(field), readBack, held);
    }

    private static Origin.FieldRead readOf(Set<Origin> origins, FieldInsnNode field, ValuePath base) {
        if (origins != null) {
            for (Origin origin : origins) {
                if (origin instanceof Origin.FieldRead read && read.owner().equals(field.owner)
                        && read.name().equals(field.name) && java.util.Objects.equals(read.base(), base)) {
                    return read;
                }
            }
        }
        return null;
    }

    /**
     * For {@code b = !b} (or {@code b ? false : true}), which javac compiles to a test that picks one of two constants,
     * {@code ifeq/ifne L; iconst; goto M; L: iconst; M: store}: what the tested value was computed from; else null.
     */
    private Set<Origin> negatedFrom(FieldInsnNode store) {
        AbstractInsnNode second = realBefore(store);
        AbstractInsnNode jump = realBefore(second);
        AbstractInsnNode first = realBefore(jump);
        AbstractInsnNode test = realBefore(first);
        if (!isBooleanConstant(second) || !isBooleanConstant(first) || !(jump instanceof JumpInsnNode skip)
                || skip.getOpcode() != Opcodes.GOTO || realAfter(skip.label) != store
                || !(test instanceof JumpInsnNode branch)
                || branch.getOpcode() != Opcodes.IFEQ && branch.getOpcode() != Opcodes.IFNE
                || realAfter(branch.label) != second) {
            return null;
        }
        Frame<SymbolicValue> atTest = frames[insns.indexOf(test)];
        return atTest == null ? null : top(atTest, 0).origins;
    }

    private static boolean isBooleanConstant(AbstractInsnNode insn) {
        return insn != null && (insn.getOpcode() == Opcodes.ICONST_0 || insn.getOpcode() == Opcodes.ICONST_1);
    }

    private static AbstractInsnNode realBefore(AbstractInsnNode insn) {
        AbstractInsnNode previous = insn == null ? null : insn.getPrevious();
        while (previous != null && previous.getOpcode() < 0) { // labels, line numbers, frames
            previous = previous.getPrevious();
        }
        return previous;
    }

    private static AbstractInsnNode realAfter(AbstractInsnNode insn) {
        AbstractInsnNode next = insn.getNext();
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next;
    }

    /**
     * Whether the value {@code store} writes is pushed just before it by {@code aconst_null}, {@code iconst_0},
     * {@code lconst_0}, {@code fconst_0} or {@code dconst_0} ({@code x = null}, {@code count = 0}).
     */
    private static boolean storesDefaultConstant(FieldInsnNode store) {
        AbstractInsnNode previous = realBefore(store);
        return previous != null && (previous.getOpcode() == Opcodes.ACONST_NULL
                || previous.getOpcode() == Opcodes.ICONST_0 || previous.getOpcode() == Opcodes.LCONST_0
                || previous.getOpcode() == Opcodes.FCONST_0 || previous.getOpcode() == Opcodes.DCONST_0);
    }
}
