package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * A frame that, on the branch of {@code if (a == null)} where {@code a} is null, marks every copy of {@code a} known
 * null, and where two branches meet tells the interpreter which values each knew to be null: so that the merge of
 * {@code a != null ? a : b} is known to be {@code a} whenever {@code a} is an object ({@link ValuePath.Choice}).
 */
final class NullTestFrame extends Frame<SymbolicValue> {
    private final SymbolicInterpreter symbolic;
    /** The value the last executed {@code IFNULL}/{@code IFNONNULL} tested, else null. */
    private SymbolicValue tested;

    NullTestFrame(int locals, int stack, SymbolicInterpreter symbolic) {
        super(locals, stack);
        this.symbolic = symbolic;
    }

    NullTestFrame(Frame<? extends SymbolicValue> frame, SymbolicInterpreter symbolic) {
        super(frame);
        this.symbolic = symbolic;
    }

    @Override
    public void execute(AbstractInsnNode insn, Interpreter<SymbolicValue> interpreter) throws AnalyzerException {
        int opcode = insn.getOpcode();
        tested = opcode == Opcodes.IFNULL || opcode == Opcodes.IFNONNULL ? getStack(getStackSize() - 1) : null;
        super.execute(insn, interpreter);
    }

    /** Called for each branch of a jump (target null: falling through), on this same frame. */
    @Override
    public void initJumpTarget(int opcode, LabelNode target) {
        if (tested == null || tested.path == null) {
            return;
        }
        boolean isNull = (target != null) == (opcode == Opcodes.IFNULL);
        for (int i = 0; i < getLocals(); i++) {
            SymbolicValue value = getLocal(i);
            if (tested.path.equals(value.path)) {
                setLocal(i, value.knowingNull(isNull));
            }
        }
        for (int i = 0; i < getStackSize(); i++) {
            SymbolicValue value = getStack(i);
            if (tested.path.equals(value.path)) {
                setStack(i, value.knowingNull(isNull));
            }
        }
    }

    @Override
    public boolean merge(Frame<? extends SymbolicValue> frame, Interpreter<SymbolicValue> interpreter)
            throws AnalyzerException {
        symbolic.mergingBranches(knownNull(this), knownNull(frame));
        try {
            return super.merge(frame, interpreter);
        } finally {
            symbolic.mergingBranches(List.of(), List.of());
        }
    }

    private static List<ValuePath> knownNull(Frame<? extends SymbolicValue> frame) {
        List<ValuePath> paths = List.of();
        for (int i = 0; i < frame.getLocals() + frame.getStackSize(); i++) {
            SymbolicValue value = i < frame.getLocals() ? frame.getLocal(i) : frame.getStack(i - frame.getLocals());
            if (value.knownNull && value.path != null) {
                if (paths.isEmpty()) {
                    paths = new ArrayList<>();
                }
                paths.add(value.path);
            }
        }
        return paths;
    }
}
