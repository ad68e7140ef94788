package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.api.JdkTypes;
import io.github.lockspot.analysis.api.LockApi;
import io.github.lockspot.analysis.api.Supertypes;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Names;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.Paths;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Names the values of one method symbolically: which field, parameter, class literal, getter or lambda each reference
 * comes from, what each number was computed from, and which booleans are {@code tryLock()} results.
 */
final class SymbolicInterpreter extends Interpreter<SymbolicValue> {

    private static final String LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory";
    private static final String STRING_CONCAT_FACTORY = "java/lang/invoke/StringConcatFactory";

    private final MethodRef method;
    private final MethodNode node;
    private final int[] lines;
    private final int[] paramOfLocal;
    /** Fields of {@code this} that hold {@code lock.newCondition()}, from the class's constructors. */
    private final Map<String, ValuePath> conditionFields;
    /** Which JDK lock type a call's owner extends, so that user lock subclasses act as their JDK types. */
    private final Supertypes supertypes;
    private final Accessors accessors;
    private List<ValuePath> nullInOld = List.of();
    private List<ValuePath> nullInNew = List.of();

    SymbolicInterpreter(MethodRef method, MethodNode node, int[] lines, Map<String, ValuePath> conditionFields,
            Supertypes supertypes, Accessors accessors) {
        super(Opcodes.ASM9);
        this.method = method;
        this.node = node;
        this.lines = lines;
        this.conditionFields = conditionFields;
        this.supertypes = supertypes;
        this.accessors = accessors;
        this.paramOfLocal = paramIndexByLocal(node);
    }

    private static int[] paramIndexByLocal(MethodNode node) {
        Type[] args = Type.getArgumentTypes(node.desc);
        boolean isStatic = (node.access & Opcodes.ACC_STATIC) != 0;
        int local = isStatic ? 0 : 1;
        int[] map = new int[Math.max(node.maxLocals, local + args.length * 2) + 1];
        java.util.Arrays.fill(map, -1);
        for (int i = 0; i < args.length; i++) {
            map[local] = i;
            local += args[i].getSize();
        }
        return map;
    }

    Site site(AbstractInsnNode insn) {
        int index = node.instructions.indexOf(insn);
        return new Site(method, index, lines[index]);
    }

    private static String typeOf(Type type) {
        if (type == null) {
            return null;
        }
        return switch (type.getSort()) {
            case Type.OBJECT, Type.ARRAY -> type.getInternalName();
            default -> type.getDescriptor();
        };
    }

    @Override
    public SymbolicValue newValue(Type type) {
        if (type == null) {
            return SymbolicValue.UNINITIALIZED;
        }
        if (type.getSort() == Type.VOID) {
            return null;
        }
        return SymbolicValue.of(type.getSize(), typeOf(type), null);
    }

    @Override
    public SymbolicValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
        if (isInstanceMethod && local == 0) {
            return SymbolicValue.of(1, method.owner(), new ValuePath.This(method.owner()));
        }
        int param = local < paramOfLocal.length ? paramOfLocal[local] : -1;
        if (param >= 0 && type.getSort() == Type.BOOLEAN) {
            return SymbolicValue.flag(param); // a block/wait flag the callee tests: see Events.Branch#flag
        }
        if (param < 0 || type.getSort() != Type.OBJECT && type.getSort() != Type.ARRAY) {
            return newValue(type);
        }
        return SymbolicValue.of(1, typeOf(type), new ValuePath.Param(param, localName(local), typeOf(type)));
    }

    private String localName(int local) {
        if (node.localVariables != null) {
            for (LocalVariableNode variable : node.localVariables) {
                if (variable.index == local && node.instructions.indexOf(variable.start) == 0) {
                    return variable.name;
                }
            }
        }
        return null;
    }

    @Override
    public SymbolicValue newExceptionValue(TryCatchBlockNode tryCatch, Frame<SymbolicValue> handlerFrame, Type type) {
        return newValue(type);
    }

    @Override
    public SymbolicValue newOperation(AbstractInsnNode insn) {
        switch (insn.getOpcode()) {
            case Opcodes.ACONST_NULL:
                return SymbolicValue.of(1, null, null);
            case Opcodes.ICONST_0, Opcodes.ICONST_1:
                return SymbolicValue.constant(insn.getOpcode() - Opcodes.ICONST_0); // false, true
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1:
                return SymbolicValue.of(2, null, null);
            case Opcodes.LDC:
                return constant(((LdcInsnNode) insn).cst);
            case Opcodes.GETSTATIC: {
                FieldInsnNode field = (FieldInsnNode) insn;
                return staticFieldRead(insn, field.owner, field.name, field.desc);
            }
            case Opcodes.NEW: {
                String type = ((TypeInsnNode) insn).desc;
                return SymbolicValue.of(1, type, new ValuePath.NewObject(type, site(insn)));
            }
            default:
                return SymbolicValue.of(1, null, null);
        }
    }

    private static SymbolicValue constant(Object cst) {
        if (cst instanceof Type literal && literal.getSort() == Type.OBJECT) {
            return SymbolicValue.of(1, "java/lang/Class", new ValuePath.ClassLiteral(literal.getInternalName()));
        }
        boolean wide = cst instanceof Long || cst instanceof Double
                || cst instanceof org.objectweb.asm.ConstantDynamic dynamic && dynamic.getSize() == 2;
        return SymbolicValue.of(wide ? 2 : 1, null, null);
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    @Override
    public SymbolicValue copyOperation(AbstractInsnNode insn, SymbolicValue value) {
        return value;
    }

    @Override
    public SymbolicValue unaryOperation(AbstractInsnNode insn, SymbolicValue value) {
        switch (insn.getOpcode()) {
            case Opcodes.GETFIELD: {
                FieldInsnNode field = (FieldInsnNode) insn;
                return fieldRead(insn, value.path, field.owner, field.name, field.desc);
            }
            case Opcodes.CHECKCAST:
                return SymbolicValue.cast(((TypeInsnNode) insn).desc, value);
            case Opcodes.INEG, Opcodes.FNEG, Opcodes.IINC:
                return SymbolicValue.computed(1, value.origins);
            case Opcodes.LNEG, Opcodes.DNEG:
                return SymbolicValue.computed(2, value.origins);
            case Opcodes.I2F, Opcodes.L2I, Opcodes.L2F, Opcodes.F2I, Opcodes.D2I, Opcodes.D2F, Opcodes.I2B,
                    Opcodes.I2C, Opcodes.I2S:
                return SymbolicValue.converted(1, null, value);
            case Opcodes.I2L, Opcodes.I2D, Opcodes.L2D, Opcodes.F2L, Opcodes.F2D, Opcodes.D2L:
                return SymbolicValue.converted(2, null, value);
            case Opcodes.NEWARRAY, Opcodes.ANEWARRAY, Opcodes.ARRAYLENGTH, Opcodes.INSTANCEOF:
                return SymbolicValue.of(1, null, null);
            default:
                return null;
        }
    }

    private SymbolicValue staticFieldRead(AbstractInsnNode insn, String owner, String name, String desc) {
        Type type = Type.getType(desc);
        ValuePath path = new ValuePath.StaticField(owner, name, typeOf(type));
        return new SymbolicValue(type.getSize(), typeOf(type), isReference(type) ? path : null,
                Set.of(new Origin.FieldRead(null, owner, name, site(insn))), null);
    }

    private SymbolicValue fieldRead(AbstractInsnNode insn, ValuePath base, String owner, String name, String desc) {
        Type type = Type.getType(desc);
        ValuePath path = isReference(type) ? fieldPath(base, owner, name, typeOf(type)) : null;
        return new SymbolicValue(type.getSize(), typeOf(type), path,
                Set.of(new Origin.FieldRead(base, owner, name, site(insn))), null);
    }

    /** A load of {@code this.cond} where a constructor stored {@code lock.newCondition()} is that condition. */
    private ValuePath fieldPath(ValuePath base, String owner, String name, String type) {
        if (base instanceof ValuePath.This && owner.equals(method.owner())) {
            ValuePath condition = conditionFields.get(name);
            if (condition != null) {
                return condition;
            }
        }
        return Paths.field(base, owner, name, type);
    }

    /** {@code Outer.access$000(o)}, javac's getter of {@code o.field} for a nested class, read as the field itself. */
    private SymbolicValue accessorRead(AbstractInsnNode insn, MethodInsnNode call,
            List<? extends SymbolicValue> values) {
        if (call.getOpcode() != Opcodes.INVOKESTATIC || !Accessors.isAccessorName(call.name)) {
            return null;
        }
        Accessors.FieldRead read = accessors.fieldReadBy(call.owner, call.name, call.desc);
        if (read == null) {
            return null;
        }
        return read.isStatic() ? staticFieldRead(insn, read.owner(), read.name(), read.desc())
                : fieldRead(insn, values.get(0).path, read.owner(), read.name(), read.desc());
    }

    @Override
    public SymbolicValue binaryOperation(AbstractInsnNode insn, SymbolicValue left, SymbolicValue right) {
        int opcode = insn.getOpcode();
        if (opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD) {
            boolean wide = opcode == Opcodes.LALOAD || opcode == Opcodes.DALOAD;
            return SymbolicValue.of(wide ? 2 : 1, null, null);
        }
        if (opcode >= Opcodes.IADD && opcode <= Opcodes.LXOR) {
            return SymbolicValue.computed(isWideArithmetic(opcode) ? 2 : 1,
                    SymbolicValue.union(left.origins, right.origins));
        }
        if (opcode >= Opcodes.LCMP && opcode <= Opcodes.DCMPG) {
            return SymbolicValue.computed(1, SymbolicValue.union(left.origins, right.origins));
        }
        return null;
    }

    /** IADD..DREM cycle through int, long, float, double; ISHL..LXOR alternate int and long. */
    private static boolean isWideArithmetic(int opcode) {
        if (opcode <= Opcodes.DREM) {
            int lane = (opcode - Opcodes.IADD) % 4;
            return lane == 1 || lane == 3;
        }
        return (opcode - Opcodes.ISHL) % 2 == 1;
    }

    @Override
    public SymbolicValue ternaryOperation(AbstractInsnNode insn, SymbolicValue a, SymbolicValue b, SymbolicValue c) {
        return null;
    }

    @Override
    public SymbolicValue naryOperation(AbstractInsnNode insn, List<? extends SymbolicValue> values) {
        if (insn instanceof MethodInsnNode call) {
            return callResult(insn, call, values);
        }
        if (insn instanceof InvokeDynamicInsnNode indy) {
            return indy.bsm.getOwner().equals(STRING_CONCAT_FACTORY) ? concatenation(values) : lambda(indy, values);
        }
        return SymbolicValue.of(1, null, null); // MULTIANEWARRAY
    }

    private SymbolicValue callResult(AbstractInsnNode insn, MethodInsnNode call, List<? extends SymbolicValue> values) {
        Type returnType = Type.getReturnType(call.desc);
        if (returnType.getSort() == Type.VOID) {
            return null;
        }
        SymbolicValue accessed = accessorRead(insn, call, values);
        if (accessed != null) {
            return accessed;
        }
        boolean hasReceiver = call.getOpcode() != Opcodes.INVOKESTATIC;
        String wrapper = hasReceiver ? null : JdkTypes.synchronizedMapMadeBy(call.owner, call.name);
        if (wrapper != null) {
            return SymbolicValue.of(1, wrapper, new ValuePath.NewObject(wrapper, site(insn)));
        }
        ValuePath receiver = hasReceiver ? values.get(0).path : null;
        String owner = LockApi.lockTypeOf(call.owner, call.name, supertypes);
        LockApi.Effect effect = LockApi.effectOf(owner, call.name, call.desc, receiver);
        if (effect != null && effect.op() == LockApi.Op.TRY_ACQUIRE) {
            return new SymbolicValue(1, "Z", null, Set.of(), effect.lock());
        }
        if (isBoxing(call) && values.size() == 1) {
            return SymbolicValue.converted(returnType.getSize(), typeOf(returnType), values.get(0));
        }
        ValuePath path = null;
        if (isReference(returnType) && values.size() == (hasReceiver ? 1 : 0) && (!hasReceiver || receiver != null)) {
            path = Paths.call(receiver, owner, call.name, typeOf(returnType));
        }
        Set<Origin> origins = hasReceiver && receiver != null
                ? Set.of(new Origin.CallRead(receiver, call.owner, call.name, site(insn))) : Set.of();
        return new SymbolicValue(returnType.getSize(), typeOf(returnType), path, origins, null);
    }

    /** {@code Integer.valueOf(x)} and {@code x.intValue()}: the boxed value is still derived from {@code x}. */
    private static boolean isBoxing(MethodInsnNode call) {
        return call.owner.startsWith("java/lang/") && (call.name.equals("valueOf") && call.getOpcode() == Opcodes.INVOKESTATIC
                || call.name.endsWith("Value") && call.desc.startsWith("()"));
    }

    /** {@code s + "x"} compiled to {@code makeConcatWithConstants}: a new string computed from its parts. */
    private static SymbolicValue concatenation(List<? extends SymbolicValue> parts) {
        Set<Origin> origins = Set.of();
        for (SymbolicValue part : parts) {
            origins = SymbolicValue.union(origins, part.origins);
        }
        return SymbolicValue.computed(1, origins);
    }

    /** A lambda or method reference, with the values it captures (its receiver first, for an instance body). */
    private SymbolicValue lambda(InvokeDynamicInsnNode indy, List<? extends SymbolicValue> captures) {
        Type returnType = Type.getReturnType(indy.desc);
        if (indy.bsm.getOwner().equals(LAMBDA_FACTORY) && indy.bsmArgs.length >= 2
                && indy.bsmArgs[1] instanceof Handle impl) {
            MethodRef body = new MethodRef(impl.getOwner(), impl.getName(), impl.getDesc());
            List<ValuePath> captured = new java.util.ArrayList<>(captures.size());
            for (SymbolicValue value : captures) {
                captured.add(value.path);
            }
            return SymbolicValue.of(1, typeOf(returnType),
                    new ValuePath.Lambda(body, typeOf(returnType), java.util.Collections.unmodifiableList(captured)));
        }
        return newValue(returnType);
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, SymbolicValue value, SymbolicValue expected) {
        // Return values are not tracked.
    }

    /** While two branches' frames merge: the values known null on the old and on the incoming one. */
    void mergingBranches(List<ValuePath> nullInOld, List<ValuePath> nullInNew) {
        this.nullInOld = nullInOld;
        this.nullInNew = nullInNew;
    }

    /** {@code a} from the frame already there, {@code b} from the incoming branch. */
    @Override
    public SymbolicValue merge(SymbolicValue a, SymbolicValue b) {
        SymbolicValue merged = a.merge(b);
        if (merged == a || merged == SymbolicValue.UNINITIALIZED || merged.path != null || merged.size != 1) {
            return merged;
        }
        ValuePath.Choice choice = choiceOf(a, b, merged.type != null ? merged.type : "java/lang/Object");
        return choice == null ? merged : merged.withChoice(choice);
    }

    /**
     * The two named values a merge may be, or null: {@code a != null ? a : b} (a known null where {@code b} came
     * from) is {@code a} whenever {@code a} exists; merging it again with {@code b} keeps that only from a branch
     * that also knew {@code a} null.
     */
    private ValuePath.Choice choiceOf(SymbolicValue a, SymbolicValue b, String type) {
        if (a.path != null && b.path != null) {
            if (nullInNew.contains(a.path)) {
                return new ValuePath.Choice(a.path, b.path, true, type);
            }
            if (nullInOld.contains(b.path)) {
                return new ValuePath.Choice(b.path, a.path, true, type);
            }
            return unordered(a.path, b.path, type);
        }
        boolean oldChose = a.choice != null;
        ValuePath.Choice choice = oldChose ? a.choice : b.choice;
        SymbolicValue other = oldChose ? b : a;
        if (choice == null || other.path == null && other.choice == null) {
            return null;
        }
        if (choice.first().equals(other.path)) {
            return choice;
        }
        if (choice.second().equals(other.path)) {
            boolean stillNull = (oldChose ? nullInNew : nullInOld).contains(choice.first());
            return choice.secondOnlyIfFirstNull() && stillNull ? choice
                    : unordered(choice.first(), choice.second(), choice.type());
        }
        if (other.choice != null && java.util.Set.of(choice.first(), choice.second())
                .equals(java.util.Set.of(other.choice.first(), other.choice.second()))) {
            return choice.equals(other.choice) ? choice : unordered(choice.first(), choice.second(), choice.type());
        }
        return null;
    }

    private static ValuePath.Choice unordered(ValuePath a, ValuePath b, String type) {
        boolean inOrder = a.toString().compareTo(b.toString()) <= 0;
        return new ValuePath.Choice(inOrder ? a : b, inOrder ? b : a, false, type);
    }
}
